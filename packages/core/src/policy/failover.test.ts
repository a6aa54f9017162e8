import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { AuthRejectedError } from '../errors/auth-rejected-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { createProvider } from '../provider/create-provider.js';
import type { ProviderSettings } from '../settings/provider-settings.js';

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
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

type Failure = (response: ServerResponse) => void;

const failures: Record<string, Failure> = {
  'a connection reset': (response) => response.socket?.destroy(),
  'a 5xx': (response) => response.writeHead(502).end('Bad Gateway'),
  'a Cloudflare page': (response) =>
    response
      .writeHead(403, { 'content-type': 'text/html' })
      .end('<html><title>Just a moment...</title></html>'),
  'a rate limit': (response) => response.writeHead(429, { 'retry-after': '0' }).end(),
  'a spent quota': (response) => response.writeHead(500).end('{"error":"Quota exceeded"}'),
  'a 200 Cloudflare challenge': (response) =>
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<html><title>Just a moment...</title></html>'),
  'another 200 HTML page': (response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>Parked</title>'),
  "a refused model API key (the deployment's)": (response) =>
    response.writeHead(401).end('{"error":{"code":"invalid_api_key"}}'),
  'an empty reply': (response) => response.writeHead(200).end(),
};

/** Mirrors `/a` (fails as told) and `/b` (answers), tried in that order. */
function mirrors(failure: Failure, settings: ProviderSettings = {}) {
  server.handle((request, response) => {
    if (request.url?.startsWith('/a/')) failure(response);
    else response.end('from b');
  });
  return createProvider(testDefinition, {
    baseURL: [`${server.url}/a`, `${server.url}/b/`],
    mirrorOrder: 'ordered',
    ...settings,
  });
}

describe('mirrors', () => {
  for (const [name, failure] of Object.entries(failures)) {
    it(`move on to the next mirror after ${name} before any text`, async () => {
      const provider = mirrors(failure);
      expect(await provider.complete({ messages })).toBe('from b');
      expect(server.requests.map((request) => request.path)).toEqual([
        '/a/api/generate',
        '/b/api/generate',
      ]);
      await provider.close();
    });
  }

  it('move on to the next mirror after a timeout before any text', async () => {
    // A fake clock (setTimeout only): `/a` never answers, and its timeout runs out once it has the
    // request, when the test says; `/b` has no real deadline to meet.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const timeout = 100;
    const provider = mirrors(() => {}, { timeout });
    const reply = provider.complete({ messages });
    await server.requestArrived(1);
    vi.advanceTimersByTime(timeout);
    expect(await reply).toBe('from b');
    expect(server.requests.map((request) => request.path)).toEqual([
      '/a/api/generate',
      '/b/api/generate',
    ]);
    await provider.close();
  });

  it('do not switch once text has reached the caller', async () => {
    server.handle((request, response) => {
      response.writeHead(200);
      response.write('from a');
      if (request.url?.startsWith('/a/')) setImmediate(() => response.socket?.destroy());
      else response.end();
    });
    const provider = createProvider(testDefinition, {
      baseURL: [`${server.url}/a`, `${server.url}/b`],
      mirrorOrder: 'ordered',
    });
    const received: string[] = [];
    const error = await (async () => {
      for await (const text of provider.stream({ messages })) received.push(text);
    })().catch((caught: unknown) => caught);
    expect(received).toEqual(['from a']);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
    await provider.close();
  });

  it('start at a random mirror by default', async () => {
    server.handle((_request, response) => response.end('ok'));
    const bases = ['/m0', '/m1', '/m2', '/m3'].map((path) => `${server.url}${path}`);
    const firsts = new Set<string>();
    for (let round = 0; round < 40; round++) {
      const provider = createProvider(testDefinition, { baseURL: bases });
      await provider.complete({ messages });
      firsts.add(server.requests.at(-1)!.path);
      await provider.close();
    }
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('are tried in a random order by default, which need not be a rotation of the list', async () => {
    server.handle((_request, response) => response.socket?.destroy());
    const provider = createProvider(testDefinition, {
      baseURL: ['/m0', '/m1', '/m2'].map((path) => `${server.url}${path}`),
      maxRetries: 0,
    });
    // Fisher–Yates draws: swap m2 with m0, then keep m1; no rotation gives m2, m1, m0.
    vi.spyOn(Math, 'random').mockReturnValueOnce(0).mockReturnValueOnce(0.99);
    await expect(provider.complete({ messages })).rejects.toThrow(ConnectionError);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/m2/api/generate',
      '/m1/api/generate',
      '/m0/api/generate',
    ]);
    await provider.close();
  });

  it('never send to //api/generate, whatever the trailing slashes', async () => {
    server.handle((_request, response) => response.end('ok'));
    const provider = createProvider(testDefinition, { baseURL: `${server.url}//` });
    await provider.complete({ messages });
    expect(server.requests.at(-1)!.path).toBe('/api/generate');
    expect(provider.baseURLs).toEqual([server.url]);
    await provider.close();
  });
});

describe('retries', () => {
  it('retry a retryable failure, honouring Retry-After', async () => {
    let calls = 0;
    server.handle((_request, response) => {
      calls++;
      if (calls === 1) response.writeHead(429, { 'retry-after-ms': '60' }).end();
      else response.end('second time');
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, retryDelay: 1 });
    const started = Date.now();
    expect(await provider.complete({ messages })).toBe('second time');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(calls).toBe(2);
    await provider.close();
  });

  it('retry an empty reply, and give the text of the next', async () => {
    let calls = 0;
    server.handle((_request, response) => {
      calls++;
      response.end(calls === 1 ? '' : 'not empty this time');
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, retryDelay: 1 });
    expect(await provider.complete({ messages })).toBe('not empty this time');
    expect(calls).toBe(2);
    await provider.close();
  });

  for (const status of [503, 502, 408]) {
    it(`honour Retry-After on a ${status} too, as on a 429`, async () => {
      let calls = 0;
      server.handle((_request, response) => {
        calls++;
        if (calls === 1) response.writeHead(status, { 'retry-after-ms': '80' }).end('busy');
        else response.end('after waiting');
      });
      const provider = createProvider(testDefinition, { baseURL: server.url, retryDelay: 1 });
      const started = performance.now();
      expect(await provider.complete({ messages })).toBe('after waiting');
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
      await provider.close();
    });

    it(`fail a ${status} at once when its Retry-After is longer than maxRetryAfter`, async () => {
      server.handle((_request, response) => {
        response.writeHead(status, { 'retry-after': '3600' }).end('busy');
      });
      const provider = createProvider(testDefinition, { baseURL: server.url, retryDelay: 1 });
      const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'ResponseStatusError', status, retryAfter: 3_600_000 });
      expect(server.requests).toHaveLength(1);
      await provider.close();
    });
  }

  it('give up after maxRetries and surface the last error', async () => {
    server.handle((_request, response) => response.writeHead(503).end('busy'));
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      maxRetries: 2,
      retryDelay: 1,
    });
    await expect(provider.complete({ messages })).rejects.toMatchObject({
      name: 'ResponseStatusError',
      status: 503,
    });
    expect(server.requests).toHaveLength(3);
    await provider.close();
  });

  it('fail at once when Retry-After is longer than maxRetryAfter', async () => {
    server.handle((_request, response) => response.writeHead(429, { 'retry-after': '3600' }).end());
    const provider = createProvider(testDefinition, { baseURL: server.url });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'RateLimitError', retryAfter: 3_600_000 });
    expect(server.requests).toHaveLength(1);
    await provider.close();
  });

  for (const [name, status, body, check] of [
    ['a spent quota', 500, 'Quota exceeded', RateLimitError.isInstance],
    [
      'a rejected signature',
      401,
      '{"error":{"message":"Invalid signature."}}',
      AuthRejectedError.isInstance,
    ],
  ] as const) {
    it(`never retry ${name}`, async () => {
      server.handle((_request, response) => response.writeHead(status).end(body));
      const provider = createProvider(testDefinition, { baseURL: server.url, retryDelay: 1 });
      const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
      expect(check(error)).toBe(true);
      expect(server.requests).toHaveLength(1);
      await provider.close();
    });
  }
});
