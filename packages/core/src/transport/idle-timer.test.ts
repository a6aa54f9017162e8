import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { createProvider } from '../provider/create-provider.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the idle timer', () => {
  it('does not bound the wait for the response to start (timeout does)', async () => {
    const idleTimeout = 40;
    server.handle(async (_request, response) => {
      // Silent for longer than idleTimeout. This timer starts after the request arrived, so after
      // any idle timer the provider could have started for the head: that one would run out first.
      await new Promise((resolve) => setTimeout(resolve, 3 * idleTimeout));
      response.end('late but whole'); // one write: the text comes with the head
    });
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      idleTimeout,
      timeout: 60_000,
      maxRetries: 0,
    });
    expect(await provider.complete({ messages })).toBe('late but whole');
    await provider.close();
  });

  it('counts silence from the last piece, so a reply that trickles in never idles out', async () => {
    const idleTimeout = 400;
    let reply: ServerResponse | undefined;
    server.handle((_request, response) => {
      response.writeHead(200);
      response.write('0');
      reply = response;
    });
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      idleTimeout,
      maxRetries: 0,
    });
    const texts = provider.stream({ messages })[Symbol.asyncIterator]();
    expect((await texts.next()).value).toBe('0');
    // The response has started, so undici's own timers are armed on the real clock; the idle timer,
    // first armed when the caller waits for the next piece, is on the fake clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    for (let piece = 1; piece < 12; piece++) {
      const next = texts.next();
      await nextTurn(); // the caller is now waiting for this piece, its idle timer running
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(0.6 * idleTimeout); // each gap under idleTimeout, all of them well over it
      reply!.write(String(piece));
      expect(await next).toEqual({ done: false, value: String(piece) });
    }
    const end = texts.next();
    reply!.end();
    expect(await end).toEqual({ done: true, value: undefined });
    await provider.close();
  });
});
