import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAt } from '../../test/test-byte-cuts.js';
import { Utf8StreamDecoder, utf8CutPoint } from './utf8-stream-decoder.js';

/**
 * The reference: the whole input decoded at once, which WHATWG's Encoding standard says a streaming
 * decode of any cut of it must equal. (Not Node's streaming TextDecoder: Node 24.21's drops a BOM right
 * after a first character that came split, `c3 | a9 ef bb bf` giving "é", where Node 22 and the
 * standard give "é\ufeff".)
 */
function referenceText(pieces: readonly Uint8Array[]): string {
  return new TextDecoder('utf-8').decode(Buffer.concat(pieces));
}

function decodedText(pieces: readonly Uint8Array[]): string {
  const decoder = new Utf8StreamDecoder();
  return pieces.map((piece) => decoder.decode(piece)).join('') + decoder.end();
}

/** `bytes` cut at the given points (brought within bounds, sorted, deduplicated). */
function cut(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const offsets = [...new Set(points.map((point) => point % (bytes.length + 1)))];
  return cutAt(
    bytes,
    offsets.sort((a, b) => a - b),
  );
}

/**
 * Bytes that exercise every rule of UTF-8 decoding: ASCII, whole 2-, 3- and 4-byte characters, lone
 * lead and continuation bytes, overlong and surrogate starts, lead bytes no UTF-8 has, and BOMs.
 */
const byteRun = fc.oneof(
  fc.constantFrom(
    [0x61],
    [0x0a],
    [0x7f],
    [0xc3, 0xa9],
    [0xe2, 0x82, 0xac],
    [0xf0, 0x9f, 0x98, 0x80],
  ),
  fc.constantFrom([0xef, 0xbb, 0xbf], [0xc0, 0xaf], [0xc1], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80]),
  fc.constantFrom([0xf4, 0x90, 0x80, 0x80], [0xf5], [0xf8], [0xff], [0x80], [0xbf], [0xf0, 0x9f]),
  fc.constantFrom([0xe2, 0x82], [0xc3], [0xf0, 0x9f, 0x98], [0xe0, 0xa0]),
);
const bytes = fc.array(byteRun, { maxLength: 40 }).map((runs) => Uint8Array.from(runs.flat()));

describe('Utf8StreamDecoder', () => {
  it('decodes any bytes cut anywhere as the whole decodes at once', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 8 }), (input, points) => {
        const pieces = cut(input, points);
        expect(decodedText(pieces)).toBe(referenceText(pieces));
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes any bytes coming one at a time as the whole decodes at once', () => {
    fc.assert(
      fc.property(bytes, (input) => {
        const pieces = Array.from(input, (byte) => Uint8Array.of(byte));
        expect(decodedText(pieces)).toBe(referenceText(pieces));
      }),
      { numRuns: 1000 },
    );
  });

  it("joins a character split across pieces and drops only the stream's first BOM", () => {
    // c3 | a9 ef bb bf: the case Node 24's streaming TextDecoder gets wrong.
    expect(decodedText([Uint8Array.of(0xc3), Uint8Array.of(0xa9, 0xef, 0xbb, 0xbf)])).toBe(
      'é\ufeff',
    );
    const euro = [0xe2, 0x82, 0xac];
    const bom = [0xef, 0xbb, 0xbf];
    const pieces = [[bom[0]!], [bom[1]!, bom[2]!, 0x61, euro[0]!], [euro[1]!], [euro[2]!, ...bom]];
    expect(decodedText(pieces.map((piece) => Uint8Array.from(piece)))).toBe('a€\ufeff');
  });

  it('hands out every complete character at once; only an unfinished last one waits', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.decode(Uint8Array.of(0x61, 0xc3, 0xa9))).toBe('aé');
    expect(decoder.decode(Uint8Array.of(0xe2, 0x61))).toBe('\ufffda');
    expect(decoder.decode(Uint8Array.of(0xe2, 0x82))).toBe('');
    expect(decoder.decode(Uint8Array.of(0xac))).toBe('€');
  });

  it('ends an unfinished last character as U+FFFD', () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.decode(Uint8Array.of(0x61, 0xf0, 0x9f, 0x98))).toBe('a');
    expect(decoder.end()).toBe('\ufffd');
    expect(decoder.end()).toBe('');
  });
});

describe('utf8CutPoint', () => {
  it('cuts before a last character that runs past the end, and nowhere else', () => {
    expect(utf8CutPoint(Uint8Array.of(0x61, 0xe2, 0x82))).toBe(1);
    expect(utf8CutPoint(Uint8Array.of(0x61, 0xe2, 0x82, 0xac))).toBe(4);
    expect(utf8CutPoint(Uint8Array.of(0x61, 0xf0, 0x9f, 0x98))).toBe(1);
    expect(utf8CutPoint(Uint8Array.of(0xc3))).toBe(0);
    expect(utf8CutPoint(Uint8Array.of(0x80, 0x80, 0x80, 0x80))).toBe(4);
    expect(utf8CutPoint(Uint8Array.of())).toBe(0);
  });
});
