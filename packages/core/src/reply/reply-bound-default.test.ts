import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { endless, expectClosedAt } from '../../test/test-endless-reply.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { createFallback } from '../policy/fallback.js';
import { createProvider } from '../provider/create-provider.js';
import { DEFAULT_MAX_REPLY_BYTES } from '../settings/resolve-settings.js';

// The 16 MiB default bound, apart from reply-bound.test.ts: these runs move 16 MiB each, too slow for
// the mutation run's per-mutant test runs.

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

describe('the default maxReplyBytes', () => {
  it('bounds complete() at 16 MiB by default, closing the request', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    expect(DEFAULT_MAX_REPLY_BYTES).toBe(16 * 1024 * 1024);
    await expectClosedAt(server, provider.complete({ messages }), DEFAULT_MAX_REPLY_BYTES);
    await provider.close();
  });

  it('leaves stream() unbounded by default', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    let bytes = 0;
    for await (const text of provider.stream({ messages })) {
      bytes += text.length;
      if (bytes > DEFAULT_MAX_REPLY_BYTES + 1024 * 1024) break;
    }
    expect(bytes).toBeGreaterThan(DEFAULT_MAX_REPLY_BYTES);
    await provider.close();
  });

  it("bounds a fallback chain's complete() at 16 MiB by default", async () => {
    const chain = createFallback([createProvider(testDefinition, { baseURL: server.url })]);
    await expectClosedAt(server, chain.complete({ messages }), DEFAULT_MAX_REPLY_BYTES);
    await chain.close();
  });
});
