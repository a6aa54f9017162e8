import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module, with an empty pool. */
async function freshModule(): Promise<typeof import('./tool-call-id.js')> {
  vi.resetModules();
  return import('./tool-call-id.js');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('generateToolCallId', () => {
  it('gives call_ and 24 letters and digits, different every time', async () => {
    const { generateToolCallId } = await freshModule();
    const ids = Array.from({ length: 1000 }, generateToolCallId);
    for (const id of ids) expect(id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws random bytes for many ids at once, not for each id', async () => {
    const { generateToolCallId } = await freshModule();
    const draws = vi.spyOn(crypto, 'getRandomValues');
    for (let index = 0; index < 100; index++) generateToolCallId();
    expect(draws).toHaveBeenCalledTimes(1);
  });

  it('draws again for bytes from 248 up, so that each character is equally likely', async () => {
    const { generateToolCallId } = await freshModule();
    let draw = 0;
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(
      <T extends ArrayBufferView | null>(array: T): T => {
        const bytes = array as unknown as Uint8Array;
        // The first pool is all refused bytes; the next one counts up from 0.
        bytes.forEach((_, index) => {
          bytes[index] = draw === 0 ? 248 + (index % 8) : index % 256;
        });
        draw++;
        return array;
      },
    );
    expect(generateToolCallId()).toBe('call_ABCDEFGHIJKLMNOPQRSTUVWX');
    expect(generateToolCallId()).toBe('call_YZabcdefghijklmnopqrstuv');
  });
});
