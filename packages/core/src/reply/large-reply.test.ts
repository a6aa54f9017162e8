import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { createProvider } from '../provider/create-provider.js';
import type { Provider } from '../provider/provider.js';

let server: TestServer;
let provider: Provider;
const messages = [{ role: 'user' as const, content: 'hi' }];
// 4 MiB of hex text: far past the 64 KiB held for a caller that is not reading, and barely compressible.
const reply = randomBytes(2 * 1024 * 1024).toString('hex');

beforeAll(async () => {
  server = await startTestServer();
  provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await provider.close();
  await server.close();
});

/** Reads the whole reply, letting the event loop turn a few times after each piece. */
async function readSlowly(): Promise<string> {
  let text = '';
  for await (const piece of provider.stream({ messages })) {
    text += piece;
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
  }
  return text;
}

describe('a reply larger than what is held for a slow caller', () => {
  it('reaches the caller whole: the paused socket resumes as it reads', async () => {
    server.handle((_request, response) => response.end(reply));
    expect(await readSlowly()).toBe(reply);
  });

  it('reaches the caller whole when compressed: the paused decompressor resumes too', async () => {
    const zipped = gzipSync(reply);
    server.handle((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' }).end(zipped);
    });
    expect(await readSlowly()).toBe(reply);
  });
});
