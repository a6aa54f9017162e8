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
    server.handle(async (_request, response) => {
      response.writeHead(200).flushHeaders();
      await new Promise((resolve) => setTimeout(resolve, 1000)); // past timeout, within idleTimeout
      response.end('late text');
    });
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      timeout: 500,
      idleTimeout: 5000,
      maxRetries: 0,
    });
    expect(await provider.complete({ messages })).toBe('late text');
    await provider.close();
  });
});
