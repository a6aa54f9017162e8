import { ChatApiError, errorMessage } from './chat-api-error.js';

/**
 * Reads a `/v1/chat/completions` event stream, calling `onText` with each piece of reply text as it
 * arrives. Resolves with the finish reason at `data: [DONE]`; a `data: {"error":…}` event (the
 * server's way of failing once the stream has begun) rejects with its message.
 *
 * @throws ChatApiError for an error event, or a stream that ends before `[DONE]`.
 */
export async function readCompletionEvents(
  body: ReadableStream<Uint8Array>,
  onText: (text: string) => void,
): Promise<string | null> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let finishReason: string | null = null;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary = buffer.search(/\r?\n\r?\n/);
      while (boundary !== -1) {
        const event = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
        const data = eventData(event);
        if (data === '[DONE]') return finishReason;
        if (data !== undefined) finishReason = readChunk(data, onText) ?? finishReason;
        boundary = buffer.search(/\r?\n\r?\n/);
      }
    }
  } finally {
    reader.releaseLock();
  }
  throw new ChatApiError('The reply stream ended before it was complete.');
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
  choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[];
  error?: unknown;
}

/** Hands one chunk's text to `onText`; returns its finish reason, if any. */
function readChunk(data: string, onText: (text: string) => void): string | undefined {
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
  if (typeof text === 'string' && text !== '') onText(text);
  return typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined;
}
