import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { createProvider } from '../provider/create-provider.js';
import type { ChatRequest, Provider } from '../provider/provider.js';
import { DEFAULT_MAX_REPLY_BYTES } from '../settings/resolve-settings.js';
import { createFallback } from './fallback.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A provider on the test server, its definition changed by `facts`. */
function member(id: string, facts: Partial<typeof testDefinition> = {}): Provider {
  return createProvider(
    { ...testDefinition, id, label: `Site ${id}`, url: `https://${id}.invalid`, ...facts },
    { baseURL: `${server.url}/${id}`, maxRetries: 0 },
  );
}

describe('a fallback chain describes itself from its members', () => {
  it('is labelled with every member, and takes its site and default model from the first', () => {
    const chain = createFallback([
      member('a', { defaultModel: 'model-b' }),
      member('b', { models: ['model-c'], defaultModel: 'model-c' }),
    ]);
    expect(chain.label).toBe('Fallback (Site a, Site b)');
    expect(chain.url).toBe('https://a.invalid');
    expect(chain.defaultModel).toBe('model-b');
    expect(chain.models).toEqual(['model-a', 'model-b', 'model-c']);
    expect(chain.baseURLs).toEqual([]);
  });

  it('works while any member works', () => {
    const broken = member('broken', { lastKnownUp: false });
    expect(createFallback([broken, member('fine')]).lastKnownUp).toBe(true);
    expect(
      createFallback([broken, member('also-broken', { lastKnownUp: false })]).lastKnownUp,
    ).toBe(false);
  });

  for (const flag of ['supportsSystemMessage'] as const) {
    it(`claims ${flag} only when every member does`, () => {
      const able = () => member('able', { [flag]: true });
      const unable = member('unable', { [flag]: false });
      expect(createFallback([able(), able()])[flag]).toBe(true);
      expect(createFallback([able(), unable])[flag]).toBe(false);
    });
  }
});

describe("a fallback chain's complete()", () => {
  it('asks its members for at most 16 MiB, unless the request sets its own bound', async () => {
    server.handle((_request, response) => response.end('ok'));
    const real = member('bounded');
    const bounds: (number | undefined)[] = [];
    const recording: Provider = {
      ...real,
      stream(request: ChatRequest) {
        bounds.push(request.maxReplyBytes);
        return real.stream(request);
      },
    };
    const chain = createFallback([recording]);
    expect(await chain.complete({ messages })).toBe('ok');
    expect(await chain.complete({ messages, maxReplyBytes: 1000 })).toBe('ok');
    expect(bounds).toEqual([DEFAULT_MAX_REPLY_BYTES, 1000]);
    await chain.close();
  });
});

describe("a fallback chain's close()", () => {
  it("closes every member's connections", async () => {
    server.handle((_request, response) => response.end('ok'));
    await server.socketsClosed();
    const chain = createFallback([
      member('first', { models: ['model-a'], defaultModel: 'model-a' }),
      member('second', { models: ['model-b'], defaultModel: 'model-b' }),
    ]);
    await chain.complete({ messages, model: 'model-a' });
    await chain.complete({ messages, model: 'model-b' });
    expect(server.openSockets()).toBe(2);
    await chain.close();
    await server.socketsClosed();
    expect(server.openSockets()).toBe(0);
  });
});
