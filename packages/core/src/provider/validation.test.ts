import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import type { ProviderSettings } from '../settings/provider-settings.js';
import { createProvider } from './create-provider.js';
import type { ChatRequest } from './provider.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** Runs `call` and checks that it reached the server neither with a request nor a connection. */
async function withoutTraffic<T>(call: () => Promise<T>): Promise<T> {
  const connections = server.connections();
  const requests = server.requests.length;
  const result = await call();
  expect(server.connections()).toBe(connections);
  expect(server.requests).toHaveLength(requests);
  return result;
}

const user = { role: 'user', content: 'hi' };
const badRequests: [string, string, unknown][] = [
  ['not an object', 'request', null],
  ['messages not an array', 'messages', { messages: 'hi' }],
  ['no messages', 'messages', { messages: [] }],
  ['a message not an object', 'messages[0]', { messages: ['hi'] }],
  ['an unknown role', 'messages[0].role', { messages: [{ role: 'bot', content: 'x' }, user] }],
  ['non-string content', 'messages[0].content', { messages: [{ role: 'user', content: 42 }] }],
  [
    'a last message not from the user',
    'messages[1].role',
    { messages: [user, { role: 'assistant', content: 'x' }] },
  ],
  ['a non-string model', 'model', { messages: [user], model: 7 }],
  ['a negative timeout', 'timeout', { messages: [user], timeout: -1 }],
  ['a NaN idle timeout', 'idleTimeout', { messages: [user], idleTimeout: Number.NaN }],
  ['a signal that is not an AbortSignal', 'signal', { messages: [user], signal: {} }],
  // biome-ignore lint/suspicious/noSparseArray: a hole is the input under test
  ['a hole in a sparse messages array', 'messages[0]', { messages: [, user] }],
  ['a timeout with no prototype', 'timeout', { messages: [user], timeout: Object.create(null) }],
];

describe('bad requests', () => {
  for (const [name, field, request] of badRequests) {
    it(`reject ${name} with an InvalidRequestError naming ${field}, before any traffic`, async () => {
      const provider = createProvider(testDefinition, { baseURL: server.url });
      const error = await withoutTraffic(() =>
        provider.complete(request as ChatRequest).catch((caught: unknown) => caught),
      );
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(InvalidSettingError.isInstance(error)).toBe(false);
      expect(error).toMatchObject({ field, provider: 'test' });
      expect((error as Error).message).toContain(`invalid ${field}:`);
    });
  }

  it('reject an unknown model with a ModelNotFoundError listing the valid ones, before any traffic', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    const error = await withoutTraffic(() =>
      provider
        .complete({ messages: [{ role: 'user', content: 'hi' }], model: 'gpt-9' })
        .catch((caught: unknown) => caught),
    );
    expect(ModelNotFoundError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      '[test] invalid model: "gpt-9" is not served; choose one of model-a, model-b',
    );
  });

  it('reject a clock that returns NaN, naming now, before any traffic', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url, now: () => Number.NaN });
    const error = await withoutTraffic(() =>
      provider
        .complete({ messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught),
    );
    expect(error).toMatchObject({ name: 'InvalidSettingError', field: 'now' });
    expect(InvalidSettingError.isInstance(error)).toBe(true);
  });

  it('take an empty model as the default model', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    expect(
      await provider.complete({ messages: [{ role: 'user', content: 'hi' }], model: '' }),
    ).toBe('ok');
    await provider.close();
  });
});

const badSettings: [string, string, unknown][] = [
  ['a base URL that is not a URL', 'baseURL', { baseURL: 'not a url' }],
  ['a base URL of another scheme', 'baseURL', { baseURL: 'ftp://example.com' }],
  ['a base URL with a query', 'baseURL', { baseURL: 'https://example.com/?a=1' }],
  ['an empty list of base URLs', 'baseURL', { baseURL: [] }],
  ['a bad mirror in a list', 'baseURL[1]', { baseURL: ['https://a.example', 42] }],
  ['a proxy of another scheme', 'proxy', { proxy: 'ftp://proxy.example' }],
  ['a proxy that is not a URL', 'proxy', { proxy: 'proxy' }],
  ['a proxy without a scheme', 'proxy', { proxy: 'alice:pw@127.0.0.1:8080' }],
  ['a proxy with a path', 'proxy', { proxy: 'http://127.0.0.1:8080/path' }],
  ['a proxy with a broken percent-escape', 'proxy', { proxy: 'socks5://a:b%zz@127.0.0.1:1' }],
  ['a zero maxConnections', 'maxConnections', { maxConnections: 0 }],
  ['a fractional maxReplyBytes', 'maxReplyBytes', { maxReplyBytes: 1.5 }],
  [
    'both a proxy and a dispatcher',
    'proxy',
    { proxy: 'http://p.example', dispatcher: { dispatch: () => true } },
  ],
  ['a zero timeout', 'timeout', { timeout: 0 }],
  ['an infinite idle timeout', 'idleTimeout', { idleTimeout: Number.POSITIVE_INFINITY }],
  ['a fractional maxRetries', 'maxRetries', { maxRetries: 1.5 }],
  ['a negative maxRetries', 'maxRetries', { maxRetries: -1 }],
  ['a non-string header', 'headers.x-a', { headers: { 'x-a': 1 } }],
  ['a non-string secret', 'secret', { secret: 1 }],
  ['an unknown mirror order', 'mirrorOrder', { mirrorOrder: 'fastest' }],
  ['settings that are not an object', 'settings', null],
  ['a bigint mirror order', 'mirrorOrder', { mirrorOrder: 1n }],
  ['a timeout with no prototype', 'timeout', { timeout: Object.create(null) }],
  ['a dispatcher that is not one', 'dispatcher', { dispatcher: {} }],
  ['a header name with a space', 'headers.a b', { headers: { 'a b': 'x' } }],
  ['an empty header name', 'headers.', { headers: { '': 'x' } }],
  ['a header value with CR LF', 'headers.x-a', { headers: { 'x-a': 'a\r\nb' } }],
];

describe('bad settings', () => {
  for (const [name, field, settings] of badSettings) {
    it(`reject ${name} at creation with an InvalidSettingError naming ${field}`, () => {
      let error: unknown;
      try {
        createProvider(testDefinition, settings as ProviderSettings);
      } catch (caught) {
        error = caught;
      }
      expect(InvalidSettingError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ name: 'InvalidSettingError', field });
    });
  }

  it('never echo proxy credentials in an error, naming the scheme at fault', () => {
    const error = (() => {
      try {
        createProvider(testDefinition, { proxy: 'ftp://user:secret@proxy.example' });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toBe(
      '[test] invalid proxy: expected a URL starting with http://, https:// or socks5://, got ftp://…',
    );
  });
});
