import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8PieceDecoder } from './utf8-piece-decoder.js';

/** Decodes `bytes` cut at `cuts` with one Utf8PieceDecoder. */
function decodePieces(bytes: Buffer, cuts: readonly number[]): string {
  const decoder = new Utf8PieceDecoder();
  let text = '';
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.decode(bytes.subarray(start, cut));
    start = cut;
  }
  return text + decoder.end();
}

/** Mostly ASCII runs, with 2-, 3- and 4-byte characters and invalid bytes between them. */
const mixedBytes = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }) },
      { weight: 1, arbitrary: fc.constantFrom('é', '€', '你', '🌍', 'Ж') },
      { weight: 1, arbitrary: fc.constantFrom('\xff', '\x80', '\xc3', '\xe2\x82', '\xf0\x9f\x8c') },
    ),
    { minLength: 1, maxLength: 20 },
  )
  .map((parts) =>
    Buffer.concat(
      parts.map((part) =>
        // The invalid bytes are given as Latin-1 strings; the rest is UTF-8.
        /^[\x80-\xff]+$/.test(part) ? Buffer.from(part, 'latin1') : Buffer.from(part),
      ),
    ),
  );

describe('Utf8PieceDecoder', () => {
  it('decodes any mostly-ASCII bytes, invalid ones included, cut anywhere, as one TextDecoder does (property)', () => {
    fc.assert(
      fc.property(mixedBytes, fc.array(fc.nat(), { maxLength: 10 }), (bytes, rawCuts) => {
        const cuts = [...new Set(rawCuts.map((cut) => cut % (bytes.length + 1)))].sort(
          (a, b) => a - b,
        );
        expect(decodePieces(bytes, cuts)).toBe(new TextDecoder().decode(bytes));
      }),
      { numRuns: 2_000 },
    );
  });

  it('never splits a character cut right after an ASCII run, whichever piece is ASCII', () => {
    for (const character of ['é', '€', '🌍']) {
      const bytes = Buffer.from(`abc${character}def`);
      for (let cut = 4; cut < 3 + Buffer.byteLength(character); cut++) {
        // The piece after the cut ends in ASCII; the one before ends mid-character.
        expect(decodePieces(bytes, [3, cut])).toBe(`abc${character}def`);
        expect(decodePieces(bytes, [cut])).toBe(`abc${character}def`);
      }
    }
    // The first bytes of a 4-byte character, then its last byte alone, then ASCII.
    expect(decodePieces(Buffer.from('a🌍b'), [1, 3, 4, 5])).toBe('a🌍b');
    // A character cut short at the end becomes U+FFFD, as TextDecoder's end does.
    expect(decodePieces(Buffer.from('ab€').subarray(0, 4), [2])).toBe('ab\uFFFD');
  });
});
