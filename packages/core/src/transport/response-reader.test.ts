import { describe, expect, it } from 'vitest';
import { useTestProvider } from '../../test/test-provider.js';

const setup = useTestProvider({ maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];

describe('reading a response', () => {
  it('skips an informational 1xx response and reads the real one', async () => {
    setup.server.handle((_request, response) => {
      response.writeEarlyHints({ link: '</style.css>; rel=preload' });
      response.end('after the hints');
    });
    expect(await setup.provider.complete({ messages })).toBe('after the hints');
  });

  it('treats Content-Encoding identity, in any case, as no encoding', async () => {
    setup.server.handle((_request, response) => {
      response.writeHead(200, { 'content-encoding': ' Identity ' }).end('plain');
    });
    expect(await setup.provider.complete({ messages })).toBe('plain');
  });

  it('decodes an x-gzip and an upper-case GZIP reply', async () => {
    const { gzipSync } = await import('node:zlib');
    for (const encoding of ['x-gzip', 'GZIP']) {
      setup.server.handle((_request, response) => {
        response.writeHead(200, { 'content-encoding': encoding }).end(gzipSync('zipped'));
      });
      expect(await setup.provider.complete({ messages })).toBe('zipped');
    }
  });

  it('keeps the whole start of a long error body for its error', async () => {
    const body = `${'é'.repeat(3000)}${'x'.repeat(3000)}`;
    setup.server.handle((_request, response) => response.writeHead(400).end(body));
    await expect(setup.provider.complete({ messages })).rejects.toMatchObject({
      status: 400,
      body: body.slice(0, 1024),
    });
  });
});
