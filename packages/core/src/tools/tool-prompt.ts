import type { Message } from '../messages/message.js';
import {
  type CheckedToolSchemas,
  checkToolSchemas,
  type ToolRequestFields,
} from './check-tool-request.js';
import { formatToolCalls } from './tool-call-format.js';
import { writeToolInstruction } from './tool-instruction.js';
import { formatToolResults } from './tool-result-format.js';
import type { ToolResultMessage, TranscriptMessage } from './tool-transcript.js';

/**
 * The text-only conversation a site takes for a request with tools: the tool instruction (unless the
 * choice is `none` or there are no tools), then the conversation with each assistant turn's calls
 * written as a tool_calls block after its text, and each run of tool results as one user turn of
 * `<tool_result>` elements. The instruction joins a leading system message (after its text), or else
 * becomes one at the start.
 *
 * @param owner - The provider id bad input is reported under.
 * @throws InvalidRequestError for bad input (see `checkToolRequest`).
 */
export function buildToolPrompt(request: ToolRequestFields, owner = 'tools'): Message[] {
  return renderToolPrompt(checkToolSchemas(owner, request));
}

/** `buildToolPrompt` for a request already checked. */
export function renderToolPrompt({ request, schemaTexts }: CheckedToolSchemas): Message[] {
  const { messages, tools, toolChoice } = request;
  const rendered = renderTranscript(messages);
  if (toolChoice === 'none' || tools.length === 0) return rendered;
  return joinSystemText(rendered, writeToolInstruction(tools, schemaTexts, toolChoice));
}

/**
 * `messages` with `text` joined after the leading system message's text (a blank line between), or
 * made the leading system message when there is none.
 */
export function joinSystemText<MESSAGE extends TranscriptMessage>(
  messages: readonly MESSAGE[],
  text: string,
): (MESSAGE | Message)[] {
  const [first, ...rest] = messages;
  if (first?.role !== 'system') return [{ role: 'system', content: text }, ...messages];
  const content = first.content === '' ? text : `${first.content}\n\n${text}`;
  return [{ role: 'system', content }, ...rest];
}

function renderTranscript(messages: readonly TranscriptMessage[]): Message[] {
  const rendered: Message[] = [];
  let results: ToolResultMessage[] = [];
  const flushResults = () => {
    if (results.length === 0) return;
    rendered.push({ role: 'user', content: formatToolResults(results) });
    results = [];
  };
  for (const message of messages) {
    if (message.role === 'tool') {
      results.push(message);
      continue;
    }
    flushResults();
    if (message.role === 'assistant' && 'toolCalls' in message && message.toolCalls.length > 0) {
      const calls = formatToolCalls(message.toolCalls);
      const content = message.content === '' ? calls : `${message.content}\n\n${calls}`;
      rendered.push({ role: 'assistant', content });
    } else {
      rendered.push({ role: message.role, content: message.content });
    }
  }
  flushResults();
  return rendered;
}
