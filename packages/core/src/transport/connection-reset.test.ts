import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestProvider } from '../../test/test-provider.js';
import { ConnectionError } from '../errors/connection-error.js';

const setup = useTestProvider({ maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];

/**
 * Answers with a head that gives neither a length nor chunking, writes `text`, and once the client
 * has read it closes the connection by `ending` it.
 */
function answerWithoutLength(head: string, ending: (socket: Socket) => void) {
  let delivered!: () => void;
  const read = new Promise<void>((resolve) => {
    delivered = resolve;
  });
  setup.server.handle(async (_request, response) => {
    const socket = response.socket!;
    socket.write(`${head}\r\ncontent-type: text/plain; charset=utf-8\r\n\r\ndelivered text`);
    await read;
    ending(socket);
  });
  return delivered;
}

async function readAll(delivered: () => void) {
  const received: string[] = [];
  const error = await (async () => {
    for await (const text of setup.provider.stream({ messages })) {
      received.push(text);
      delivered();
    }
  })().catch((caught: unknown) => caught);
  return { received, error };
}

describe('a reply delimited only by the connection closing', () => {
  for (const head of ['HTTP/1.1 200 OK\r\nconnection: close', 'HTTP/1.0 200 OK']) {
    const version = head.slice(0, 8);
    it(`ends with a ConnectionError after the text when ${version} resets the connection`, async () => {
      const delivered = answerWithoutLength(head, (socket) => socket.resetAndDestroy());
      const { received, error } = await readAll(delivered);
      expect(received.join('')).toBe('delivered text');
      expect(ConnectionError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/reset/);
    });

    it(`ends with a ConnectionError when ${version} resets the connection right behind the text`, async () => {
      // The reset reaches the client while the text is still queued on its socket: libuv before
      // 1.52 (Node 22) reports that as an end of stream.
      setup.server.handle(async (_request, response) => {
        const socket = response.socket!;
        socket.write(
          `${head}\r\ncontent-type: text/plain; charset=utf-8\r\n\r\ndelivered text`,
          () => socket.resetAndDestroy(),
        );
      });
      const { received, error } = await readAll(() => {});
      expect(received.join('')).toBe('delivered text');
      expect(ConnectionError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/reset/);
    });

    it(`ends normally when ${version} closes the connection in order`, async () => {
      const delivered = answerWithoutLength(head, (socket) => socket.end());
      const { received, error } = await readAll(delivered);
      expect(received.join('')).toBe('delivered text');
      expect(error).toBeUndefined();
    });
  }
});
