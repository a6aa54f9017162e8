import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAt } from '../../test/test-byte-cuts.js';
import { useTestProvider } from '../../test/test-provider.js';
import { writeChunks } from '../../test/test-server.js';

const setup = useTestProvider();
const messages = [{ role: 'user' as const, content: 'hi' }];

async function roundTrip(chunks: Uint8Array[]): Promise<string[]> {
  setup.server.handle((_request, response) => writeChunks(response, chunks));
  const pieces: string[] = [];
  for await (const text of setup.provider.stream({ messages })) pieces.push(text);
  return pieces;
}

describe('streaming UTF-8 decoding', () => {
  for (const [name, character] of [
    ['a 3-byte', '€'],
    ['a 4-byte', '🌍'],
  ] as const) {
    it(`reassembles ${name} character split at every byte boundary`, async () => {
      const text = `a${character}b`;
      const bytes = Buffer.from(text);
      for (let cut = 1; cut < bytes.length; cut++) {
        const pieces = await roundTrip(cutAt(bytes, [cut]));
        expect(pieces.join('')).toBe(text);
        expect(pieces.every((piece) => !piece.includes('\uFFFD'))).toBe(true);
      }
    });
  }

  it('reassembles a character split into single bytes', async () => {
    const bytes = Buffer.from('🌍€');
    const pieces = await roundTrip(cutAt(bytes, [1, 2, 3, 4, 5, 6]));
    expect(pieces.join('')).toBe('🌍€');
  });

  it('decodes invalid bytes to U+FFFD as the WHATWG decoder does', async () => {
    const bytes = Buffer.from([0x61, 0xff, 0x80, 0xe2, 0x82, 0x62, 0xf0, 0x9f]);
    const pieces = await roundTrip(cutAt(bytes, [2, 4, 7]));
    expect(pieces.join('')).toBe(new TextDecoder().decode(bytes));
  });

  it('decodes any text split anywhere back to exactly that text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (text, rawCuts) => {
          const bytes = Buffer.from(text);
          const cuts = [...new Set(rawCuts.map((cut) => cut % bytes.length))]
            .filter((cut) => cut > 0)
            .sort((a, b) => a - b);
          const pieces = await roundTrip(cutAt(bytes, cuts));
          expect(pieces.join('')).toBe(text);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});
