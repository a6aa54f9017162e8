import { RateLimitError } from '@freechat/core';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FREEGPT_MIRRORS } from './freegpt-definition.js';
import { createFreeGpt, freegpt } from './freegpt-provider.js';

const messages = [{ role: 'user' as const, content: 'hi' }];
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ strict: true });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

describe('FreeGpt mirrors', () => {
  it('uses the four mirrors by default', () => {
    expect(freegpt.baseURLs).toEqual(FREEGPT_MIRRORS);
  });

  it('fails over to the next mirror when one is down, and the quota of one does not stop the rest', async () => {
    const [first, second, third] = emulator.mirrors.freegpt;
    emulator.scenario(first!, { fault: 'reset-before-headers' });
    emulator.scenario(second!, { fault: 'quota' });
    emulator.scenario(third!, { text: 'third mirror answers' });
    const provider = createFreeGpt({ baseURL: emulator.mirrors.freegpt, mirrorOrder: 'ordered' });
    expect(await provider.complete({ messages })).toBe('third mirror answers');
    expect(emulator.requests.map((request) => request.baseURL)).toEqual([first, second, third]);
    await provider.close();
  });

  it('surfaces a spent quota when every mirror has spent it', async () => {
    for (const mirror of emulator.mirrors.freegpt) emulator.scenario(mirror, { fault: 'quota' });
    const provider = createFreeGpt({ baseURL: emulator.mirrors.freegpt });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error) && error.quotaExhausted).toBe(true);
    expect(emulator.requests).toHaveLength(4);
    await provider.close();
  });
});
