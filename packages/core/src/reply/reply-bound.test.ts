import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { endless, expectClosedAt } from '../../test/test-endless-reply.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { createProvider } from '../provider/create-provider.js';

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

describe('maxReplyBytes', () => {
  it('bounds stream() too when the setting is given, after the text below the bound', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url, maxReplyBytes: 10_000 });
    let bytes = 0;
    const error = (async () => {
      for await (const text of provider.stream({ messages })) bytes += text.length;
    })();
    await expectClosedAt(server, error, 10_000);
    expect(bytes).toBeLessThanOrEqual(10_000);
    await provider.close();
  });

  it("takes the request's own bound over the setting, and Infinity for none", async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url, maxReplyBytes: 10 });
    server.handle((_request, response) => response.end('x'.repeat(5000)));
    expect(await provider.complete({ messages, maxReplyBytes: 5000 })).toHaveLength(5000);
    expect(await provider.complete({ messages, maxReplyBytes: Infinity })).toHaveLength(5000);
    server.requests.length = 0;
    server.handle(endless);
    await expectClosedAt(server, provider.complete({ messages, maxReplyBytes: 4999 }), 4999);
    await provider.close();
  });

  it('leaves an error body to its error, whatever the bound', async () => {
    server.handle((_request, response) => response.writeHead(503).end('busy right now'));
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      maxReplyBytes: 4,
      maxRetries: 0,
    });
    await expect(provider.complete({ messages })).rejects.toMatchObject({
      name: 'ResponseStatusError',
      status: 503,
      body: 'busy right now',
    });
    await provider.close();
  });

  it('counts the decoded bytes of a compressed reply', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, maxReplyBytes: 65_536 });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ReplyTooLargeError', maxReplyBytes: 65_536 });
    await provider.close();
  });

  for (const value of [0, -1, 1.5, Number.NaN, '100', null]) {
    it(`refuses ${String(value)} as a bound before any traffic`, async () => {
      expect(() =>
        createProvider(testDefinition, { baseURL: server.url, maxReplyBytes: value as number }),
      ).toThrow(/invalid maxReplyBytes/);
      const provider = createProvider(testDefinition, { baseURL: server.url });
      const error = await provider
        .complete({ messages, maxReplyBytes: value as number })
        .catch((caught: unknown) => caught);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ field: 'maxReplyBytes' });
      expect(server.requests).toHaveLength(0);
      await provider.close();
    });
  }
});
