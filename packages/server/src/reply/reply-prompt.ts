import {
  type Message,
  PreparedToolPrompt,
  type ToolChoice,
  type ToolDefinition,
  type TranscriptMessage,
} from '@freechat/core';
import { type ToolFieldParam, toolRequestError } from './tool-field-param.js';
import { countPromptCharacters } from './usage.js';

/**
 * The sentence that asks a model for one call at most, joined to the leading system message (before
 * core's tool instruction) when a request does not allow parallel calls.
 */
export const ONE_CALL_INSTRUCTION =
  'Call at most one tool in each reply: the tool_calls list holds one entry.';

/** What a route asks of the model, in core's terms. */
export interface ReplyPromptFields {
  /** The conversation: plain messages, assistant turns with tool calls, tool results. */
  messages: readonly TranscriptMessage[];
  /** The tools the model may call; none when absent. */
  tools?: readonly ToolDefinition[] | undefined;
  /** Whether and which tools it may call; `auto` when absent. */
  toolChoice?: ToolChoice | undefined;
  /** Whether one reply may call several tools; true when absent. */
  parallelToolCalls?: boolean | undefined;
}

/**
 * One request's prompt, whatever its API: the conversation, the tools and the tool choice. A prompt
 * with tools (whatever the choice) or with tool calls or results in its conversation goes through
 * core's tool module (`streamToolParts`); any other is a plain conversation for `provider.stream`.
 */
export class ReplyPrompt {
  /** The conversation, oldest first. */
  readonly messages: readonly TranscriptMessage[];
  /** The tools (empty for none). */
  readonly tools: readonly ToolDefinition[];
  /** The tool choice. */
  readonly toolChoice: ToolChoice;
  /** Whether one reply may call several tools. */
  readonly parallelToolCalls: boolean;
  /** Whether the reply goes through core's tool module. */
  readonly usesTools: boolean;
  #characters: number | undefined;
  #prepared: PreparedToolPrompt | undefined;

  constructor(fields: ReplyPromptFields) {
    this.messages = fields.messages;
    this.tools = fields.tools ?? [];
    this.toolChoice = fields.toolChoice ?? 'auto';
    this.parallelToolCalls = fields.parallelToolCalls ?? true;
    this.usesTools = this.tools.length > 0 || fields.messages.some(isToolTurn);
  }

  /** Whether the model may call a tool in this reply (there are tools, and the choice is not `none`). */
  get callsTools(): boolean {
    return this.tools.length > 0 && this.toolChoice !== 'none';
  }

  /**
   * Checks the tools, the choice and the conversation as core's tool module will, before any
   * traffic (a plain prompt asking for no call has nothing to check).
   *
   * @throws HttpError 400 naming the API's parameter (`param`).
   */
  check(param: ToolFieldParam): void {
    if (!this.usesTools && (this.toolChoice === 'auto' || this.toolChoice === 'none')) return;
    try {
      this.#prepared = this.#prepare();
    } catch (error) {
      throw toolRequestError(error, param);
    }
  }

  /**
   * The conversation a plain prompt sends (`usesTools` false: every message is a plain one).
   */
  get plainMessages(): readonly Message[] {
    return this.messages as readonly Message[];
  }

  /**
   * The conversation, tools and choice as core's tool module sends them (`usesTools` true), checked
   * and written once: with ONE_CALL_INSTRUCTION joined to the leading system message (or made one)
   * when parallel calls are off and the model may call tools.
   */
  get toolPrompt(): PreparedToolPrompt {
    this.#prepared ??= this.#prepare();
    return this.#prepared;
  }

  /**
   * The prompt's length in UTF-16 code units as the site reads it: every message's content, and with
   * tools the tool instruction and the earlier calls and results as core writes them (the prompt
   * `toolPrompt` sends). Counted once, when first asked.
   */
  get characters(): number {
    this.#characters ??= countPromptCharacters(
      this.usesTools ? this.toolPrompt.messages : this.plainMessages,
    );
    return this.#characters;
  }

  /**
   * Core's prompt for the messages as given (so that a field core finds at fault names the request's
   * own message), then ONE_CALL_INSTRUCTION joined when parallel calls are off and the model may
   * call tools.
   */
  #prepare(): PreparedToolPrompt {
    const prepared = PreparedToolPrompt.of({
      messages: this.messages,
      tools: this.tools,
      toolChoice: this.toolChoice,
    });
    return !this.parallelToolCalls && this.callsTools
      ? prepared.withSystemNote(ONE_CALL_INSTRUCTION)
      : prepared;
  }
}

function isToolTurn(message: TranscriptMessage): boolean {
  return message.role === 'tool' || 'toolCalls' in message;
}
