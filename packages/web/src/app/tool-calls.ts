import { ChatApiError } from './chat-api-error.js';

/** A call of a tool that the model asked for in its reply. */
export interface ToolCall {
  /** The call's id (may be empty when the stream gave none). */
  id: string;
  /** The tool's name. */
  name: string;
  /** The arguments as the model wrote them: JSON text, complete once the reply is. */
  arguments: string;
}

/** The most tool calls one reply may carry; a stream that numbers past it is refused. */
export const MAX_TOOL_CALLS = 64;

/**
 * Puts together the tool calls of a streamed reply from OpenAI's `delta.tool_calls` pieces: each piece
 * names its call by `index`; the first piece of a call brings its `id` and `function.name`, and every
 * piece may add to `function.arguments`.
 */
export class ToolCallCollector {
  readonly #calls: ToolCall[] = [];

  /** The calls so far, in index order. */
  get calls(): readonly ToolCall[] {
    return this.#calls;
  }

  /**
   * Adds one chunk's `delta.tool_calls`.
   *
   * @throws ChatApiError for pieces that are not OpenAI's shape, or an index past {@link MAX_TOOL_CALLS}.
   */
  add(pieces: unknown): void {
    if (!Array.isArray(pieces)) throw malformed('delta.tool_calls is not a list');
    for (const piece of pieces as ToolCallPiece[]) {
      const index = piece?.index;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
        throw malformed('a tool call piece has no valid index');
      }
      if (index >= MAX_TOOL_CALLS) {
        throw new ChatApiError(`The reply asked for more than ${MAX_TOOL_CALLS} tool calls.`);
      }
      while (this.#calls.length <= index) this.#calls.push({ id: '', name: '', arguments: '' });
      const call = this.#calls[index]!;
      if (call.id === '' && typeof piece.id === 'string') call.id = piece.id;
      const name = piece.function?.name;
      if (call.name === '' && typeof name === 'string') call.name = name;
      const text = piece.function?.arguments;
      if (typeof text === 'string') call.arguments += text;
    }
  }
}

/** One element of `delta.tool_calls` as it may come. */
interface ToolCallPiece {
  index?: unknown;
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown };
}

function malformed(what: string): ChatApiError {
  return new ChatApiError(`The server sent a tool call the page cannot read: ${what}.`);
}

/** The arguments indented for reading when they are JSON, else as they came (a reply cut short). */
export function formatToolArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
