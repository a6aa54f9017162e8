import { RateLimitError } from '@freechat/core';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FREEGPT_MIRRORS, FREEGPT_QUOTA_TEXT } from './freegpt-definition.js';
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

describe('FreeGpt quota text', () => {
  const bytes = Buffer.byteLength(FREEGPT_QUOTA_TEXT);
  for (let chunkSize = 1; chunkSize <= bytes; chunkSize += 4) {
    it(`is recognised in ${chunkSize}-byte chunks and never reaches the caller`, async () => {
      emulator.scenario('freegpt', { fault: 'quota', chunkSize });
      const provider = createFreeGpt({ baseURL: emulator.sites.freegpt, maxRetries: 0 });
      const received: string[] = [];
      const error = await (async () => {
        for await (const text of provider.stream({ messages })) received.push(text);
      })().catch((caught: unknown) => caught);
      expect(received).toEqual([]);
      expect(RateLimitError.isInstance(error)).toBe(true);
      await provider.close();
    });
  }

  it('lets a reply that only starts like it through, whole', async () => {
    const reply = `${FREEGPT_QUOTA_TEXT.slice(0, 4)}——这是一个正常的回答。`;
    emulator.scenario('freegpt', { text: reply, chunkSize: 1 });
    const provider = createFreeGpt({ baseURL: emulator.sites.freegpt });
    expect(await provider.complete({ messages })).toBe(reply);
    await provider.close();
  });
});
