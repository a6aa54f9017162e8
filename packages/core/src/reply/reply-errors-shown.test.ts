import { describe, expect, it } from 'vitest';
import { endlessReply } from '../../test/test-endless-reply.js';
import { useTestProvider } from '../../test/test-provider.js';
import { ReplyEncodingError } from '../errors/reply-encoding-error.js';

const setup = useTestProvider({ maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];

describe("what a failed reply's error shows", () => {
  it('the start of an error body that arrives in many small pieces', async () => {
    const pieces = Array.from({ length: 40 }, (_, index) =>
      `${String(index).padStart(2, '0')}`.repeat(50),
    );
    setup.server.handle(async (_request, response) => {
      response.writeHead(500);
      for (const piece of pieces) {
        response.write(piece);
        await new Promise((resolve) => setImmediate(resolve));
      }
      response.end();
    });
    await expect(setup.provider.complete({ messages })).rejects.toMatchObject({
      status: 500,
      body: pieces.join('').slice(0, 1024),
    });
  });

  it('the start of an error body that never ends, closing the request', async () => {
    setup.server.handle(endlessReply(503));
    setup.server.requests.length = 0;
    await expect(setup.provider.complete({ messages })).rejects.toMatchObject({
      status: 503,
      body: 'a'.repeat(1024),
    });
    await setup.server.requests[0]!.closed;
    expect(setup.server.requests[0]!.clientClosed()).toBe(true);
  });

  it('at most 64 characters of a Content-Encoding it cannot decode', async () => {
    const encoding = `x-${'long'.repeat(40)}`;
    setup.server.handle((_request, response) => {
      response.writeHead(200, { 'content-encoding': encoding }).end('data');
    });
    const error = await setup.provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(ReplyEncodingError.isInstance(error)).toBe(true);
    expect((error as ReplyEncodingError).encoding).toBe(encoding.slice(0, 64));
  });
});
