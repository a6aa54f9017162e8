import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { FallbackError } from '../errors/fallback-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { createProvider } from '../provider/create-provider.js';
import { createFallback } from './fallback.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
  server.handle((request, response) => {
    const site = request.url!.split('/')[1];
    if (site === 'quota') response.writeHead(500).end('Quota exceeded');
    else if (site === 'down')
      response.writeHead(502).end('<html><title>Bad gateway</title></html>');
    else if (site === 'busy') response.writeHead(503).end('busy');
    else if (site === 'cut') {
      response.writeHead(200).write('half');
      setImmediate(() => response.socket?.destroy());
    } else response.end(`answer from ${site}`);
  });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The sites the server was asked, in order. */
function asked(): string[] {
  return server.requests.map((request) => request.path.split('/')[1]!);
}

function site(name: string, models?: string[]) {
  return createProvider(
    {
      ...testDefinition,
      id: name,
      label: name,
      ...(models ? { models, defaultModel: models[0]! } : {}),
    },
    { baseURL: `${server.url}/${name}`, maxRetries: 0 },
  );
}

describe('createFallback', () => {
  it('moves on until a provider produces text', async () => {
    const chain = createFallback([site('quota'), site('down'), site('good')]);
    expect(await chain.complete({ messages })).toBe('answer from good');
    expect(server.requests.map((request) => request.path.split('/')[1])).toEqual([
      'quota',
      'down',
      'good',
    ]);
  });

  it('does not switch once text has flowed', async () => {
    const chain = createFallback([site('cut'), site('good')]);
    const received: string[] = [];
    await expect(
      (async () => {
        for await (const text of chain.stream({ messages })) received.push(text);
      })(),
    ).rejects.toMatchObject({ name: 'ConnectionError', provider: 'cut' });
    expect(received).toEqual(['half']);
    expect(server.requests).toHaveLength(1);
  });

  it('aggregates every error, one readable line per provider, when all fail', async () => {
    const chain = createFallback([site('quota'), site('down')]);
    const error = await chain.complete({ messages }).catch((caught: unknown) => caught);
    expect(FallbackError.isInstance(error)).toBe(true);
    const { attempts, message } = error as FallbackError;
    expect(attempts.map((attempt) => attempt.provider)).toEqual(['quota', 'down']);
    expect(message).toBe(
      [
        '[fallback] all 2 providers failed:',
        `  quota: RateLimitError: HTTP 500 from POST ${server.url}/quota/api/generate: Quota exceeded`,
        `  down: ResponseStatusError: HTTP 502 from POST ${server.url}/down/api/generate: an HTML page titled "Bad gateway"`,
      ].join('\n'),
    );
  });

  it('sends a named model only to the providers that serve it', async () => {
    const chain = createFallback([site('good', ['other']), site('also', ['model-b'])]);
    expect(chain.models).toEqual(['other', 'model-b']);
    expect(await chain.complete({ messages, model: 'model-b' })).toBe('answer from also');
    expect(server.requests).toHaveLength(1);
  });

  it('stops at once on bad input or an abort, without trying the rest', async () => {
    const chain = createFallback([site('good'), site('also')]);
    const bad = await chain.complete({ messages: [] }).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(bad)).toBe(true);
    const controller = new AbortController();
    controller.abort();
    await expect(chain.complete({ messages, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(server.requests).toHaveLength(0);
  });

  it("moves on past a provider whose own setting is found wrong at request time (the operator's fault)", async () => {
    const misconfigured = createProvider(
      { ...testDefinition, id: 'misconfigured', label: 'misconfigured' },
      { baseURL: `${server.url}/misconfigured`, maxRetries: 0, now: () => Number.NaN },
    );
    const chain = createFallback([misconfigured, site('good')]);
    expect(await chain.complete({ messages })).toBe('answer from good');
    expect(asked()).toEqual(['good']);
  });

  it('tries the providers in a fresh random order on each request when order is random', async () => {
    const chain = createFallback([site('quota'), site('down'), site('busy')], { order: 'random' });
    // Fisher–Yates draws: the first request swaps busy with quota (no rotation gives that order),
    // the second swaps nothing.
    vi.spyOn(Math, 'random')
      .mockReturnValueOnce(0)
      .mockReturnValueOnce(0.99)
      .mockReturnValueOnce(0.99)
      .mockReturnValueOnce(0.99);
    await expect(chain.complete({ messages })).rejects.toThrow(FallbackError);
    expect(asked()).toEqual(['busy', 'down', 'quota']);
    server.requests.length = 0;
    await expect(chain.complete({ messages })).rejects.toThrow(FallbackError);
    expect(asked()).toEqual(['quota', 'down', 'busy']);
  });

  it('keeps the given order by default, whatever the random source says', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const chain = createFallback([site('quota'), site('down'), site('good')]);
    for (let round = 0; round < 3; round++) {
      server.requests.length = 0;
      await chain.complete({ messages });
      expect(asked()).toEqual(['quota', 'down', 'good']);
    }
  });

  it('refuses an unknown order before any traffic', () => {
    expect(() => createFallback([site('good')], { order: 'shuffled' as 'random' })).toThrow(
      'invalid order: expected one of "random", "ordered", got "shuffled"',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refuses an empty chain with an InvalidSettingError', () => {
    expect(() => createFallback([])).toThrow('invalid providers: expected at least one provider');
    expect(() => createFallback([])).toThrow(InvalidSettingError);
  });
});
