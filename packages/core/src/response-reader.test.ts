import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from './create-provider.js';
import type { Provider } from './provider.js';
import { testDefinition } from './test-definition.js';
import { startTestServer, type TestServer } from './test-server.js';

let server: TestServer;
let provider: Provider;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
  provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await provider.close();
  await server.close();
});

describe('reading a response', () => {
  it('skips an informational 1xx response and reads the real one', async () => {
    server.handle((_request, response) => {
      response.writeEarlyHints({ link: '</style.css>; rel=preload' });
      response.end('after the hints');
    });
    expect(await provider.complete({ messages })).toBe('after the hints');
  });

  it('treats Content-Encoding identity, in any case, as no encoding', async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-encoding': ' Identity ' }).end('plain');
    });
    expect(await provider.complete({ messages })).toBe('plain');
  });

  it('decodes an x-gzip and an upper-case GZIP reply', async () => {
    const { gzipSync } = await import('node:zlib');
    for (const encoding of ['x-gzip', 'GZIP']) {
      server.handle((_request, response) => {
        response.writeHead(200, { 'content-encoding': encoding }).end(gzipSync('zipped'));
      });
      expect(await provider.complete({ messages })).toBe('zipped');
    }
  });

  it('keeps the whole start of a long error body for its error', async () => {
    const body = `${'é'.repeat(3000)}${'x'.repeat(3000)}`;
    server.handle((_request, response) => response.writeHead(400).end(body));
    await expect(provider.complete({ messages })).rejects.toMatchObject({
      status: 400,
      body: body.slice(0, 1024),
    });
  });
});
