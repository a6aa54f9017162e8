import { RateLimitError } from '@freechat/core';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FREEGPT_QUOTA_TEXT } from './freegpt-definition.js';
import { createFreeGpt } from './freegpt-provider.js';

const messages = [{ role: 'user' as const, content: 'hi' }];
const forms = [FREEGPT_QUOTA_TEXT, `${FREEGPT_QUOTA_TEXT}, 请尝试更换网络环境`];
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

describe('FreeGpt quota reply', () => {
  for (const form of forms) {
    it(`is a spent quota in chunks of every size, and never reaches the caller: "${form}"`, async () => {
      const provider = createFreeGpt({ baseURL: emulator.sites.freegpt, maxRetries: 0 });
      for (let chunkSize = 1; chunkSize < Buffer.byteLength(form); chunkSize++) {
        emulator.scenario('freegpt', { text: form, chunkSize });
        const received: string[] = [];
        const error = await (async () => {
          for await (const text of provider.stream({ messages })) received.push(text);
        })().catch((caught: unknown) => caught);
        expect(received, `${chunkSize}-byte chunks`).toEqual([]);
        expect(RateLimitError.isInstance(error) && error.quotaExhausted).toBe(true);
      }
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
