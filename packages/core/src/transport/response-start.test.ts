import { subscribe, unsubscribe } from 'node:diagnostics_channel';
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

/** Resolves once undici has received the head of a response (its `undici:request:headers` event). */
function nextResponseHead(): Promise<void> {
  return new Promise((resolve) => {
    const onHead = () => {
      unsubscribe('undici:request:headers', onHead);
      resolve();
    };
    subscribe('undici:request:headers', onHead);
  });
}

describe('the response timeout', () => {
  it('stops once the response starts, even before its first text', async () => {
    const timeout = 500;
    let sendText = (): void => {};
    const textReleased = new Promise<void>((resolve) => {
      sendText = resolve;
    });
    server.handle(async (_request, response) => {
      response.writeHead(200).flushHeaders();
      await textReleased;
      response.end('late text');
    });
    // A fake clock (setTimeout only): the head has no real deadline to meet, and the silence after
    // it lasts exactly as long as the test says.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      timeout,
      idleTimeout: 60_000,
      maxRetries: 0,
    });
    const headArrived = nextResponseHead();
    const reply = provider.complete({ messages });
    await headArrived;
    // undici reports the head before handing it to the provider, which takes it within the same turn.
    await nextTurn();
    vi.advanceTimersByTime(2 * timeout); // silent after the head, past timeout (within idleTimeout)
    sendText();
    expect(await reply).toBe('late text');
    await provider.close();
  });
});
