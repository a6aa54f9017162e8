import { describe, expect, it } from 'vitest';
import { generateSignature } from './signature.js';

describe('generateSignature', () => {
  it('hashes time, non-ASCII text and an empty secret as UTF-8', () => {
    expect(generateSignature(1700000000000, 'héllo 世界 🌍')).toBe(
      '0ce4c510157783473c100a9d00fbc7668d47012dad12ad681af5c8d258212a88',
    );
  });

  it('appends a non-empty secret after the last colon', () => {
    expect(generateSignature(1700000000, 'hi', '2BC120D4-BB36-1B60-26DE-DB630472A3D8')).toBe(
      '97992edd5dbd51dedfb2ff84ea84df8a85baddedd9652a4a34a8da5942415d54',
    );
  });

  it('signs empty text', () => {
    expect(generateSignature(0, '')).toBe(
      'd0609c4cf79f05d84dc5065a0f8001d14efd6834343440646d05c888c0b147db',
    );
  });
});
