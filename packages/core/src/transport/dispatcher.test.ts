import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { createProvider } from '../provider/create-provider.js';

// MockAgent here is the user's own dispatcher under test, which no real server can stand in for.
describe('a dispatcher of the caller', () => {
  it('carries every request, replies and failures alike (undici MockAgent)', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const site = agent.get('https://site.example');
    site.intercept({ path: '/api/generate', method: 'POST' }).reply(200, 'héllo from a mock');
    site
      .intercept({ path: '/api/generate', method: 'POST' })
      .reply(500, '{"error":{"message":"Quota exceeded"}}');
    const provider = createProvider(testDefinition, {
      baseURL: 'https://site.example',
      dispatcher: agent,
    });
    const messages = [{ role: 'user' as const, content: 'hi' }];
    expect(await provider.complete({ messages })).toBe('héllo from a mock');
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error) && error.quotaExhausted).toBe(true);
    await provider.close(); // closes only what the provider opened: the agent stays usable
    site.intercept({ path: '/api/generate', method: 'POST' }).reply(200, 'still open');
    expect(await provider.complete({ messages })).toBe('still open');
    await agent.close();
  });
});
