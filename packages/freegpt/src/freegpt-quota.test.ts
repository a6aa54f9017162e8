import { RateLimitError } from '@freechat/core';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FREEGPT_QUOTA_REPLIES, FREEGPT_QUOTA_TEXT } from './freegpt-definition.js';
import { createFreeGpt } from './freegpt-provider.js';

const messages = [{ role: 'user' as const, content: 'hi' }];

/** Streams one request to FreeGpt; the text received and the error, if any. */
async function receive(emulator: Emulator): Promise<{ text: string; error: unknown }> {
  const provider = createFreeGpt({ baseURL: emulator.sites.freegpt, maxRetries: 0 });
  let text = '';
  try {
    for await (const piece of provider.stream({ messages })) text += piece;
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  } finally {
    await provider.close();
  }
}

for (const strict of [false, true]) {
  describe(`FreeGpt quota reply (${strict ? 'strict' : 'default'} mode)`, () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({ strict });
    });
    afterAll(async () => {
      await emulator.close();
    });
    beforeEach(() => {
      emulator.reset();
    });

    for (const form of FREEGPT_QUOTA_REPLIES) {
      it(`is a spent quota in chunks of every size, and never reaches the caller: "${form}"`, async () => {
        for (let chunkSize = 1; chunkSize < Buffer.byteLength(form); chunkSize++) {
          emulator.scenario('freegpt', { text: form, chunkSize });
          const { text, error } = await receive(emulator);
          expect(text, `${chunkSize}-byte chunks`).toBe('');
          expect(RateLimitError.isInstance(error)).toBe(true);
          expect(error).toMatchObject({ quotaExhausted: true, fromReplyText: true, body: form });
        }
      });
    }

    it("is the emulator's quota fault", async () => {
      emulator.scenario('freegpt', { fault: 'quota', chunkSize: 5 });
      const { error } = await receive(emulator);
      expect(error).toMatchObject({ name: 'RateLimitError', fromReplyText: true });
    });

    // A model asked to repeat the site's words: the reply is its answer, not a spent quota.
    for (const reply of [
      `${FREEGPT_QUOTA_TEXT}——这句话是你让我重复的。`,
      `${FREEGPT_QUOTA_REPLIES[1]}。`,
    ]) {
      it(`passes a reply that starts with it and goes on, whole, in chunks of every size: "${reply}"`, async () => {
        for (let chunkSize = 1; chunkSize < Buffer.byteLength(reply); chunkSize += 3) {
          emulator.scenario('freegpt', { text: reply, chunkSize });
          expect(await receive(emulator), `${chunkSize}-byte chunks`).toEqual({
            text: reply,
            error: undefined,
          });
        }
      });
    }

    it('lets a reply that only starts like it through, whole', async () => {
      const reply = `${FREEGPT_QUOTA_TEXT.slice(0, 4)}——这是一个正常的回答。`;
      emulator.scenario('freegpt', { text: reply, chunkSize: 1 });
      expect(await receive(emulator)).toEqual({ text: reply, error: undefined });
    });
  });
}
