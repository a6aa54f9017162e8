import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rechunk } from '../http/rechunk.js';
import { generatedReplyChunks, generatedReplySha256 } from './generated-reply.js';

function generated(size: number): Buffer {
  return Buffer.concat([...generatedReplyChunks(size)]);
}

describe('generatedReplyChunks', () => {
  it('gives exactly `size` bytes of valid UTF-8 for every size around a period and a block', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const sizes = [
      ...Array.from({ length: 200 }, (_, size) => size),
      65_535,
      65_536,
      65_537,
      200_001,
    ];
    for (const size of sizes) {
      const bytes = generated(size);
      expect(bytes.length).toBe(size);
      expect(() => decoder.decode(bytes)).not.toThrow();
    }
  });

  it('mixes ASCII with 2-, 3- and 4-byte characters', () => {
    const text = generated(1000).toString('utf8');
    const widths = new Set(Array.from(text, (character) => Buffer.byteLength(character)));
    expect([...widths].sort()).toEqual([1, 2, 3, 4]);
  });

  it('is deterministic, each size a prefix-like run of the same line', () => {
    expect(generated(5000)).toEqual(generated(5000));
    expect(generated(5000).subarray(0, 4000).toString('utf8')).toBe(
      generated(8000).subarray(0, 4000).toString('utf8'),
    );
  });

  it('streams a large size in bounded blocks', () => {
    let largest = 0;
    let total = 0;
    for (const chunk of generatedReplyChunks(50 * 1024 * 1024 + 7)) {
      largest = Math.max(largest, chunk.length);
      total += chunk.length;
    }
    expect(total).toBe(50 * 1024 * 1024 + 7);
    expect(largest).toBeLessThanOrEqual(65_536);
  });

  it('rejects a size that is not a whole number of bytes', () => {
    expect(() => generated(-1)).toThrow(RangeError);
    expect(() => generated(1.5)).toThrow(RangeError);
  });
});

describe('generatedReplySha256', () => {
  it('is the sha256 of the bytes, and of their decoded text', () => {
    const bytes = generated(123_457);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(generatedReplySha256(123_457)).toBe(expected);
    expect(createHash('sha256').update(bytes.toString('utf8')).digest('hex')).toBe(expected);
  });
});

describe('rechunk', () => {
  it('cuts blocks into exact pieces across block boundaries', () => {
    const blocks = [Buffer.from('abc'), Buffer.from(''), Buffer.from('defgh'), Buffer.from('i')];
    const pieces = [...rechunk(blocks, 4)].map((piece) => Buffer.from(piece).toString());
    expect(pieces).toEqual(['abcd', 'efgh', 'i']);
    expect(
      [...rechunk([Buffer.from('ab')], 5)].map((piece) => Buffer.from(piece).toString()),
    ).toEqual(['ab']);
    expect([...rechunk([], 3)]).toEqual([]);
  });
});
