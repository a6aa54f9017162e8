import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { endless, expectClosedAt } from '../../test/test-endless-reply.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { DEFAULT_MAX_REPLY_BYTES } from '../settings/resolve-settings.js';
import { createProvider } from './create-provider.js';
import { wrapProvider } from './wrap-provider.js';

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
  server.handle(endless);
});

describe('wrapProvider', () => {
  it("copies the provider's info fields and base URLs, and closes the provider", async () => {
    const provider = createProvider(testDefinition, { baseURL: [server.url, `${server.url}/b`] });
    let closed = 0;
    const wrapped = wrapProvider(
      { ...provider, close: async () => void closed++ },
      { stream: (request) => provider.stream(request) },
    );
    const { stream: _ours, complete: _collected, close: _closes, ...info } = wrapped;
    const { stream: _theirs, complete: _own, close: _own2, ...expected } = provider;
    expect(info).toEqual(expected);
    await wrapped.close();
    expect(closed).toBe(1);
    await provider.close();
  });

  it('puts its stream in place of the provider’s, for stream() and complete()', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    const seen: unknown[] = [];
    const wrapped = wrapProvider(provider, {
      async *stream(request) {
        seen.push(request.maxReplyBytes);
        yield 'wrapped';
      },
    });
    expect(await wrapped.complete({ messages, maxReplyBytes: 10 })).toBe('wrapped');
    const pieces: string[] = [];
    for await (const text of wrapped.stream({ messages })) pieces.push(text);
    expect(pieces).toEqual(['wrapped']);
    expect(seen).toEqual([10, undefined]);
    expect(server.requests).toHaveLength(0);
    await provider.close();
  });

  it('bounds complete() at 16 MiB by default, as every provider does', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    const wrapped = wrapProvider(provider, { stream: (request) => provider.stream(request) });
    await expectClosedAt(server, wrapped.complete({ messages }), DEFAULT_MAX_REPLY_BYTES);
    await provider.close();
  });
});
