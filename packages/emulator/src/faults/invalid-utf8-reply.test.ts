import { describe, expect, it } from 'vitest';
import { invalidUtf8DecodedText, invalidUtf8ReplyBytes } from './invalid-utf8-reply.js';

describe('the invalid-utf8 reply', () => {
  it('holds lone continuation bytes, an overlong form, a truncated sequence and 0xFF', () => {
    const bytes = Buffer.from(invalidUtf8ReplyBytes());
    for (const sequence of [[0x5b, 0x80, 0x5d], [0xc0, 0xaf], [0xe2, 0x82, 0x5d], [0xff]]) {
      expect(bytes.includes(Buffer.from(sequence))).toBe(true);
    }
    expect([...bytes.subarray(-3)]).toEqual([0xf0, 0x9f, 0x9a]);
  });

  it('decodes to the documented text with a WHATWG TextDecoder, however it is split', () => {
    const bytes = invalidUtf8ReplyBytes();
    const expected = invalidUtf8DecodedText();
    expect(new TextDecoder().decode(bytes)).toBe(expected);
    expect(expected.split('\uFFFD')).toHaveLength(9);
    for (let size = 1; size <= 7; size += 1) {
      const decoder = new TextDecoder();
      let text = '';
      for (let offset = 0; offset < bytes.length; offset += size) {
        text += decoder.decode(bytes.subarray(offset, offset + size), { stream: true });
      }
      expect(text + decoder.decode()).toBe(expected);
    }
  });

  it('gives a fresh copy each time', () => {
    const first = invalidUtf8ReplyBytes();
    first[0] = 0;
    expect(invalidUtf8ReplyBytes()[0]).not.toBe(0);
  });
});
