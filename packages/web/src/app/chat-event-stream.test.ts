import { describe, expect, it } from 'vitest';
import { ChatApiError } from './chat-api-error.js';
import { readCompletionEvents } from './chat-event-stream.js';

/** A body delivered in exactly these byte pieces. */
function body(...pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) {
        controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
      }
      controller.close();
    },
  });
}

function chunk(content: string, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finishReason }] })}\n\n`;
}

async function read(stream: ReadableStream<Uint8Array>) {
  const texts: string[] = [];
  const finish = await readCompletionEvents(stream, (text) => texts.push(text));
  return { texts, finish };
}

describe('readCompletionEvents', () => {
  it('hands over each piece of text as it arrives, and the finish reason', async () => {
    const events = `${chunk('Hel')}${chunk('lo')}${chunk('', 'stop')}data: [DONE]\n\n`;
    // Split mid-event and mid-character (é is two bytes).
    const bytes = new TextEncoder().encode(`${chunk('é')}${events}`);
    const result = await read(body(bytes.slice(0, 40), bytes.slice(40, 41), bytes.slice(41)));
    expect(result).toEqual({ texts: ['é', 'Hel', 'lo'], finish: 'stop' });
  });

  it('skips comments and accepts CRLF line ends', async () => {
    const result = await read(
      body(': keep-alive\r\n\r\n', chunk('a').replace(/\n/g, '\r\n'), 'data: [DONE]\r\n\r\n'),
    );
    expect(result).toEqual({ texts: ['a'], finish: null });
  });

  it('rejects with the server’s message for an error event', async () => {
    const error = { error: { message: 'free2gpt answered 500 Internal Server Error', type: 'x' } };
    const promise = read(
      body(chunk('partial'), `data: ${JSON.stringify(error)}\n\n`, 'data: [DONE]\n\n'),
    );
    await expect(promise).rejects.toThrow(
      new ChatApiError('free2gpt answered 500 Internal Server Error'),
    );
  });

  it('rejects a stream that ends before [DONE]', async () => {
    await expect(read(body(chunk('cut')))).rejects.toThrow(/ended before it was complete/);
  });
});
