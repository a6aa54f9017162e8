import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { createProvider } from '../provider/create-provider.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the response timeout', () => {
  it('stops once the response starts, even before its first text', async () => {
    // Long enough for the head to arrive on any load; the silence after it is as long, and starts
    // later than the timeout did, so the timeout would run out first if it still ran.
    const timeout = 1000;
    server.handle(async (_request, response) => {
      response.writeHead(200).flushHeaders();
      await new Promise((resolve) => setTimeout(resolve, timeout));
      response.end('late text');
    });
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      timeout,
      idleTimeout: 60_000,
      maxRetries: 0,
    });
    expect(await provider.complete({ messages })).toBe('late text');
    await provider.close();
  });
});
