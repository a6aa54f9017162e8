import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LenientJsonScanner, type ScanStep } from './lenient-json-scanner.js';

/** Scans `pieces` in turn; the last step, the scanner's JSON and the first key it read. */
function scanPieces(pieces: readonly string[]): {
  step: ScanStep;
  json: string;
  firstKey?: string;
} {
  const scanner = new LenientJsonScanner(() => true);
  let text = '';
  let from = 0;
  let step: ScanStep = { kind: 'more' };
  for (const piece of pieces) {
    text += piece;
    step = scanner.scan(text, from);
    if (step.kind !== 'more') break;
    from = text.length;
  }
  return { step, json: scanner.json, firstKey: scanner.firstKey };
}

/** `text` cut at these offsets (any numbers, taken modulo its length). */
function cut(text: string, cuts: readonly number[]): string[] {
  const offsets = [...new Set(cuts.map((offset) => offset % (text.length + 1)))].sort(
    (a, b) => a - b,
  );
  const pieces = offsets.map((offset, index) => text.slice(offsets[index - 1] ?? 0, offset));
  pieces.push(text.slice(offsets.at(-1) ?? 0));
  return pieces;
}

/** The quotes a string may open and close with, and the characters its content cannot hold. */
const QUOTES: [string, string, string][] = [
  ['"', '"', '"\\'],
  ['“', '”', '“”"\\'],
  ['‘', '’', '‘’\\'],
  ["'", "'", "'\\"],
];

describe('LenientJsonScanner (property)', () => {
  const cuts = fc.array(fc.nat(), { maxLength: 8 });

  it('writes any JSON object, cut anywhere, as JSON of the same value', () => {
    const object = fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 3 }));
    fc.assert(
      fc.property(object, fc.boolean(), cuts, (value, indent, offsets) => {
        const text = JSON.stringify(value, null, indent ? 2 : undefined);
        const { step, json } = scanPieces(cut(text, offsets));
        expect(step).toEqual({ kind: 'done', end: text.length });
        expect(JSON.parse(json)).toEqual(JSON.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads strings in any quotes, with raw control characters, and their first key, cut anywhere', () => {
    const quoted = fc
      .tuple(fc.constantFrom(...QUOTES), fc.string({ unit: 'binary', maxLength: 40 }))
      .map(([[open, close, banned], content]) => {
        const kept = [...content].filter((char) => !banned.includes(char)).join('');
        return { written: `${open}${kept}${close}`, content: kept };
      });
    fc.assert(
      fc.property(quoted, quoted, cuts, (key, value, offsets) => {
        const text = `{${key.written}: ${value.written},}`;
        const { step, json, firstKey } = scanPieces(cut(text, offsets));
        expect(step).toEqual({ kind: 'done', end: text.length });
        expect(JSON.parse(json)).toEqual({ [key.content]: value.content });
        expect(firstKey).toBe(key.content);
      }),
      { numRuns: 1000 },
    );
  });
});
