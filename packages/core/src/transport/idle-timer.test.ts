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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the idle timer', () => {
  it('does not bound the wait for the response to start (timeout does)', async () => {
    server.handle(async (_request, response) => {
      await pause(150); // a slow start, longer than idleTimeout
      response.end('late but whole');
    });
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      idleTimeout: 40,
      timeout: 5000,
      maxRetries: 0,
    });
    expect(await provider.complete({ messages })).toBe('late but whole');
    await provider.close();
  });

  it('counts silence from the last piece, so a reply that trickles in never idles out', async () => {
    server.handle(async (_request, response) => {
      response.writeHead(200);
      for (let piece = 0; piece < 12; piece++) {
        await pause(40); // each gap well under idleTimeout, all of them well over it
        response.write(String(piece));
      }
      response.end();
    });
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      idleTimeout: 400,
      maxRetries: 0,
    });
    expect(await provider.complete({ messages })).toBe('01234567891011');
    await provider.close();
  });
});
