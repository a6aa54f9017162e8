import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { TimeoutError } from '../errors/timeout-error.js';
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

describe('timeouts', () => {
  it('fails with a response TimeoutError when the response never starts, and closes the socket', async () => {
    server.handle(() => {});
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      timeout: 50,
      maxRetries: 0,
    });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      phase: 'response',
      timeout: 50,
      url: `${server.url}/api/generate`,
    });
    // On a loaded machine the 50 ms can run out before the request has reached the server, so this
    // waits for the connection itself to close rather than for a request the server may never see.
    await server.socketsClosed();
    await provider.close();
  });

  it('fails with an idle TimeoutError when the reply goes silent, after the text so far', async () => {
    server.handle((_request, response) => {
      response.writeHead(200);
      response.write('partial');
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, idleTimeout: 50 });
    const received: string[] = [];
    const error = await (async () => {
      for await (const text of provider.stream({ messages })) received.push(text);
    })().catch((caught: unknown) => caught);
    expect(received).toEqual(['partial']);
    expect(error).toMatchObject({ name: 'TimeoutError', phase: 'idle', timeout: 50 });
    await server.requests.at(-1)!.closed;
    expect(server.requests.at(-1)!.clientClosed()).toBe(true);
    await provider.close();
  });

  it('takes per-request timeouts over the provider settings', async () => {
    server.handle(() => {});
    const provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 0 });
    await expect(provider.complete({ messages, timeout: 30 })).rejects.toMatchObject({
      phase: 'response',
      timeout: 30,
    });
    await provider.close();
  });

  it('never counts time the caller spends on a chunk as silence, even after it waited for it', async () => {
    const idleTimeout = 250;
    let sendOne = (): void => {};
    let sendTwo = (): void => {};
    const oneAsked = new Promise<void>((resolve) => {
      sendOne = resolve;
    });
    const twoAsked = new Promise<void>((resolve) => {
      sendTwo = resolve;
    });
    server.handle(async (_request, response) => {
      response.writeHead(200);
      response.write('zero');
      await oneAsked;
      response.write('one');
      await twoAsked;
      response.end('two');
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, idleTimeout });
    const received: string[] = [];
    for await (const text of provider.stream({ messages })) {
      received.push(text);
      if (text === 'zero') {
        // The response has started, so undici's own timers run on the real clock; the idle timer,
        // first armed when the caller waits for 'one', is on the fake one. 'one' is sent only now, so
        // it can arrive only after the caller has gone back to wait (a read comes after the pending
        // promise callbacks): the caller waits for it with its idle timer running.
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
        sendOne();
      }
      if (text === 'one') {
        expect(vi.getTimerCount()).toBe(1); // the idle timer, armed while the caller waited for 'one'
        vi.advanceTimersByTime(2 * idleTimeout); // a slow consumer, not a silent server
        sendTwo();
      }
    }
    expect(received).toEqual(['zero', 'one', 'two']);
    await provider.close();
  });
});
