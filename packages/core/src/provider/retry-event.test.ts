import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { ConnectionError } from '../errors/connection-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ResponseStatusError } from '../errors/response-status-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { createFallback } from '../policy/fallback.js';
import { createProvider } from './create-provider.js';
import type { RetryEvent } from './retry-event.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

/** A port on 127.0.0.1 that refuses connections: a server was listening there and closed. */
async function refusingURL(): Promise<string> {
  const listener = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => listener.once('listening', resolve));
  const { port } = listener.address() as { port: number };
  await new Promise((resolve) => listener.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('onRetry and attemptsMade', () => {
  it('announce each attempt after a host that accepts and never answers, and the error counts them all', async () => {
    server.handle(() => {});
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      timeout: 50,
      maxRetries: 2,
      retryDelay: 20,
    });
    const events: RetryEvent[] = [];
    const error = await provider
      .complete({ messages, onRetry: (event) => events.push(event) })
      .catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ phase: 'response', timeout: 50, attemptsMade: 3 });
    expect(events.map(({ provider, attempt, of }) => ({ provider, attempt, of }))).toEqual([
      { provider: 'test', attempt: 2, of: 3 },
      { provider: 'test', attempt: 3, of: 3 },
    ]);
    // The doubling backoff with up to 25 % jitter off: 20 ms, then 40 ms.
    expect(events[0]!.delayMs).toBeGreaterThanOrEqual(15);
    expect(events[0]!.delayMs).toBeLessThanOrEqual(20);
    expect(events[1]!.delayMs).toBeGreaterThanOrEqual(30);
    expect(events[1]!.delayMs).toBeLessThanOrEqual(40);
    for (const event of events) expect(TimeoutError.isInstance(event.error)).toBe(true);
    await provider.close();
  });

  it('announce the next mirror with no wait, counting every mirror in the most attempts', async () => {
    server.handle((_request, response) => response.end('from the second'));
    const provider = createProvider(testDefinition, {
      baseURL: [await refusingURL(), server.url],
      mirrorOrder: 'ordered',
      maxRetries: 2,
    });
    const events: RetryEvent[] = [];
    const reply = await provider.complete({ messages, onRetry: (event) => events.push(event) });
    expect(reply).toBe('from the second');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ attempt: 2, of: 6, delayMs: 0 });
    expect(ConnectionError.isInstance(events[0]!.error)).toBe(true);
    await provider.close();
  });

  it('stay silent when the first attempt answers or fails for good, which counts one attempt', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 2 });
    const events: RetryEvent[] = [];
    const onRetry = (event: RetryEvent) => events.push(event);
    server.handle((_request, response) => response.end('ok'));
    expect(await provider.complete({ messages, onRetry })).toBe('ok');
    server.handle((_request, response) => response.writeHead(400).end('bad'));
    const error = await provider.complete({ messages, onRetry }).catch((caught: unknown) => caught);
    expect(ResponseStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, attemptsMade: 1 });
    expect(events).toEqual([]);
    await provider.close();
  });

  it("reach a fallback chain's members, each naming itself", async () => {
    server.handle(() => {});
    const settings = { baseURL: server.url, timeout: 50, maxRetries: 1, retryDelay: 1 };
    const first = createProvider({ ...testDefinition, id: 'first' }, settings);
    const second = createProvider({ ...testDefinition, id: 'second' }, settings);
    const events: RetryEvent[] = [];
    const error = await createFallback([first, second])
      .complete({ messages, onRetry: (event) => events.push(event) })
      .catch((caught: unknown) => caught);
    expect(events.map(({ provider, attempt, of }) => `${provider} ${attempt}/${of}`)).toEqual([
      'first 2/2',
      'second 2/2',
    ]);
    expect(error).toMatchObject({
      attemptsMade: 0,
      attempts: [
        { provider: 'first', error: { attemptsMade: 2 } },
        { provider: 'second', error: { attemptsMade: 2 } },
      ],
    });
    await Promise.all([first.close(), second.close()]);
  });

  it('end the request with what onRetry throws', async () => {
    server.handle((_request, response) => response.writeHead(503).end('busy'));
    const provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 2 });
    const thrown = new Error('the listener failed');
    const onRetry = () => {
      throw thrown;
    };
    const error = await provider.complete({ messages, onRetry }).catch((caught: unknown) => caught);
    expect(error).toBe(thrown);
    expect(server.requests).toHaveLength(1);
    await provider.close();
  });

  it('reject an onRetry that is not a function before any traffic', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    const request = { messages, onRetry: 'log' as unknown as () => void };
    const error = await provider.complete(request).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'onRetry' });
    expect(server.requests).toHaveLength(0);
    await provider.close();
  });
});
