import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestProvider } from '../../test/test-provider.js';
import { ReplyEncodingError } from '../errors/reply-encoding-error.js';

const setup = useTestProvider({ maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];

const COMPRESSORS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;

/** Answers with `bytes` under `encoding`, one write per piece cut at `cuts`. */
function answer(encoding: string, bytes: Buffer, cuts: readonly number[] = []): void {
  setup.server.handle(async (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': encoding });
    let start = 0;
    for (const cut of [...cuts, bytes.length]) {
      response.write(bytes.subarray(start, cut));
      start = cut;
      await new Promise((resolve) => setImmediate(resolve));
    }
    response.end();
  });
}

async function readAll(): Promise<string[]> {
  const pieces: string[] = [];
  for await (const text of setup.provider.stream({ messages })) pieces.push(text);
  return pieces;
}

describe('compressed replies', () => {
  for (const [encoding, compress] of Object.entries(COMPRESSORS)) {
    it(`decodes a ${encoding} reply as it streams, whatever the cuts (property)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
          fc.array(fc.nat(), { maxLength: 6 }),
          async (text, rawCuts) => {
            const bytes = compress(Buffer.from(text));
            const cuts = [...new Set(rawCuts.map((cut) => cut % bytes.length))]
              .filter((cut) => cut > 0)
              .sort((a, b) => a - b);
            answer(encoding, bytes, cuts);
            expect((await readAll()).join('')).toBe(text);
          },
        ),
        { numRuns: 25 },
      );
    }, 60_000);
  }

  it('streams a long gzip reply in more than one piece', async () => {
    const text = '🌍 streamed '.repeat(50_000);
    answer('gzip', gzipSync(text), [10, 200, 5000]);
    const pieces = await readAll();
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(1);
  });

  it('decodes a compressed error body for the error', async () => {
    setup.server.handle((_request, response) => {
      response.writeHead(503, { 'content-encoding': 'gzip' }).end(gzipSync('busy right now'));
    });
    await expect(setup.provider.complete({ messages })).rejects.toMatchObject({
      name: 'ResponseStatusError',
      body: 'busy right now',
    });
  });

  it('fails with a ReplyEncodingError for an encoding it cannot decode', async () => {
    answer('zstd', Buffer.from('raw bytes that must never be returned'));
    const error = await setup.provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(ReplyEncodingError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'test',
      url: `${setup.server.url}/api/generate`,
      encoding: 'zstd',
      isRetryable: false,
    });
    expect((error as Error).message).toContain('"zstd"');
  });

  it('fails with a ReplyEncodingError for corrupt compressed data, never the raw bytes', async () => {
    answer('gzip', Buffer.from('this is not gzip data at all'));
    const error = await setup.provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(ReplyEncodingError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ encoding: 'gzip' });
  });
});
