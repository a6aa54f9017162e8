import { describe, expect, it, vi } from 'vitest';
import { CompiledSchemaCache } from './compiled-schema-cache.js';

/** A compile function that counts its calls and gives a new object each time. */
function counting() {
  return vi.fn((text: string) => ({ text }));
}

describe('CompiledSchemaCache', () => {
  it('compiles a text once and gives the same compiled schema for it again', () => {
    const cache = new CompiledSchemaCache<{ text: string }>(4, 100);
    const compile = counting();
    const first = cache.get('{"type":"object"}', compile);
    expect(cache.get('{"type":"object"}', compile)).toBe(first);
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('keeps each text apart: another text is compiled on its own', () => {
    const cache = new CompiledSchemaCache<{ text: string }>(4, 100);
    const compile = counting();
    const a = cache.get('{"required":["a"]}', compile);
    const b = cache.get('{"required":["b"]}', compile);
    expect(a).toEqual({ text: '{"required":["a"]}' });
    expect(b).toEqual({ text: '{"required":["b"]}' });
    expect(cache.get('{"required":["a"]}', compile)).toBe(a);
    expect(compile).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new CompiledSchemaCache<{ text: string }>(2, 100);
    const compile = counting();
    const a = cache.get('a', compile);
    cache.get('b', compile);
    expect(cache.get('a', compile)).toBe(a); // a is now the most recently used
    cache.get('c', compile); // drops b
    expect(cache.size).toBe(2);
    expect(cache.get('a', compile)).toBe(a);
    expect(compile).toHaveBeenCalledTimes(3);
    cache.get('b', compile);
    expect(compile).toHaveBeenCalledTimes(4);
  });

  it('compiles a text longer than maxTextLength for each use and never keeps it', () => {
    const cache = new CompiledSchemaCache<{ text: string }>(4, 5);
    const compile = counting();
    cache.get('123456', compile);
    cache.get('123456', compile);
    expect(compile).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
    cache.get('12345', compile);
    cache.get('12345', compile);
    expect(compile).toHaveBeenCalledTimes(3);
  });

  it('passes an error of compile through and keeps nothing', () => {
    const cache = new CompiledSchemaCache<{ text: string }>(4, 100);
    const failing = () => {
      throw new Error('bad schema');
    };
    expect(() => cache.get('x', failing)).toThrow('bad schema');
    expect(cache.size).toBe(0);
  });
});
