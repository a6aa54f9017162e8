import type { Message } from '../messages/message.js';
import {
  type CheckedToolSchemas,
  checkToolSchemas,
  type ToolRequestFields,
} from './check-tool-request.js';
import { joinSystemText, renderToolPrompt } from './tool-prompt.js';

/**
 * A request's conversation, tools and tool choice, checked and written as the site's prompt once.
 * `streamToolParts` takes it in place of those three fields (`PreparedToolChatRequest`), so a caller
 * that checks a request before any traffic (a server answering a 400 first) does not check and write
 * it again.
 *
 * @example
 * const prompt = PreparedToolPrompt.of({ messages, tools }); // throws InvalidRequestError now
 * console.log(prompt.messages.length);
 * for await (const part of streamToolParts(free2gpt, { prompt, signal })) show(part);
 */
export class PreparedToolPrompt {
  /** The fields as checked, and each tool's schema as JSON text: what `streamToolParts` uses. */
  readonly checked: Readonly<CheckedToolSchemas>;
  /** The text-only conversation the site is sent (what `buildToolPrompt` returns). */
  readonly messages: readonly Message[];

  private constructor(checked: CheckedToolSchemas) {
    this.checked = checked;
    this.messages = renderToolPrompt(checked);
  }

  /**
   * Checks the fields and writes their prompt (`buildToolPrompt`).
   *
   * @param request - The conversation, the tools and the tool choice.
   * @param owner - The provider id bad input is reported under (`tools` by default).
   * @throws InvalidRequestError for bad input (see `checkToolRequest`).
   */
  static of(request: ToolRequestFields, owner = 'tools'): PreparedToolPrompt {
    return new PreparedToolPrompt(checkToolSchemas(owner, request));
  }

  /**
   * The same request with `note` joined after the text of its leading system message (or made one
   * at the start), as if it had been sent so; nothing is checked again.
   *
   * @param note - The sentence to join (after a blank line).
   */
  withSystemNote(note: string): PreparedToolPrompt {
    const { request, schemaTexts } = this.checked;
    const messages = joinSystemText(request.messages, note);
    return new PreparedToolPrompt({ request: { ...request, messages }, schemaTexts });
  }
}
