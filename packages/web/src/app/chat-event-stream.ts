import { ChatApiError, errorMessage } from './chat-api-error.js';
import { type ToolCall, ToolCallCollector } from './tool-calls.js';

/** What a reply stream hands over as it arrives. */
export interface ReplyListener {
  /** Each piece of reply text. */
  text(piece: string): void;
  /** The tool calls so far, each time a piece of one arrives. */
  toolCalls(calls: readonly ToolCall[]): void;
}

/** What the page says when the stream breaks off: the server went away, whatever the browser calls it. */
export const CONNECTION_LOST =
  'The connection to the freechat server was lost before the reply was complete.';

/**
 * Reads a `/v1/chat/completions` event stream, handing each piece of reply text and of tool calls
 * (`delta.tool_calls`) to `listener` as it arrives. Resolves with the finish reason at `data: [DONE]`;
 * a `data: {"error":…}` event (the server's way of failing once the stream has begun) rejects with its
 * message.
 *
 * @throws ChatApiError for an error event, a malformed event, or a stream that breaks off or ends
 *   before `[DONE]` ({@link CONNECTION_LOST}).
 */
export async function readCompletionEvents(
  body: ReadableStream<Uint8Array>,
  listener: ReplyListener,
): Promise<string | null> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const toolCalls = new ToolCallCollector();
  let buffer = '';
  let finishReason: string | null = null;
  try {
    for (;;) {
      const { value, done } = await reader.read().catch(() => {
        throw new ChatApiError(CONNECTION_LOST);
      });
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary = buffer.search(/\r?\n\r?\n/);
      while (boundary !== -1) {
        const event = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
        const data = eventData(event);
        if (data === '[DONE]') return finishReason;
        if (data !== undefined) finishReason = readChunk(data, listener, toolCalls) ?? finishReason;
        boundary = buffer.search(/\r?\n\r?\n/);
      }
    }
  } finally {
    reader.releaseLock();
  }
  throw new ChatApiError(CONNECTION_LOST);
}

/** The `data:` lines of one event, joined; undefined for an event without data (a comment). */
function eventData(event: string): string | undefined {
  const lines = event
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''));
  return lines.length === 0 ? undefined : lines.join('\n');
}

interface CompletionChunk {
  choices?: { delta?: { content?: unknown; tool_calls?: unknown }; finish_reason?: unknown }[];
  error?: unknown;
}

/** Hands one chunk's text and tool call pieces to `listener`; returns its finish reason, if any. */
function readChunk(
  data: string,
  listener: ReplyListener,
  toolCalls: ToolCallCollector,
): string | undefined {
  let chunk: CompletionChunk;
  try {
    chunk = JSON.parse(data) as CompletionChunk;
  } catch {
    throw new ChatApiError(`The server sent an event that is not JSON: ${data.slice(0, 200)}`);
  }
  if (chunk.error !== undefined) {
    throw new ChatApiError(errorMessage(data) ?? 'The server reported an error in the stream.');
  }
  const choice = chunk.choices?.[0];
  const text = choice?.delta?.content;
  if (typeof text === 'string' && text !== '') listener.text(text);
  const pieces = choice?.delta?.tool_calls;
  if (pieces !== undefined && pieces !== null) {
    toolCalls.add(pieces);
    listener.toolCalls(toolCalls.calls);
  }
  return typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined;
}
