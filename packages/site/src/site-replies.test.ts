import { ConnectionError, ModelFailedMidReplyError, RateLimitError } from '@freechat/core';
import { type Emulator, INTERNAL_ERROR_TAIL, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSite } from './create-site.js';

const messages = [{ role: 'user' as const, content: 'Hello' }];
let emulator: Emulator<string>;

beforeAll(async () => {
  emulator = await startEmulator({
    sites: {
      gemini: { template: 'gemini-pro-chat' },
      demo: { template: 'chatgpt-demo' },
    },
  });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

const client = (id: 'gemini' | 'demo', settings = {}) =>
  createSite({
    id,
    template: id === 'gemini' ? 'gemini-pro-chat' : 'chatgpt-demo',
    baseURL: emulator.sites[id]!,
    retryDelay: 1,
    ...settings,
  });

async function receive(id: 'gemini' | 'demo', settings = {}) {
  const site = client(id, settings);
  let text = '';
  try {
    for await (const piece of site.stream({ messages })) text += piece;
    return { text, error: undefined as unknown };
  } catch (error) {
    return { text, error };
  } finally {
    await site.close();
  }
}

describe('what real deployments send', () => {
  for (const id of ['gemini', 'demo'] as const) {
    it(`${id}: a reply with no content type is a normal reply`, async () => {
      emulator.scenario(id, {
        fault: 'no-content-type',
        text: 'Plain answer, ünïcödé 🌍',
        chunkSize: 3,
      });
      expect(await receive(id)).toEqual({ text: 'Plain answer, ünïcödé 🌍', error: undefined });
    });

    it(`${id}: the Node mid-reply failure gives the partial text, then ModelFailedMidReplyError`, async () => {
      emulator.scenario(id, {
        fault: 'internal-error-mid-reply',
        text: 'Partial answer that fails',
      });
      const { text, error } = await receive(id);
      expect(ModelFailedMidReplyError.isInstance(error)).toBe(true);
      expect('Partial answer that fails'.startsWith(text)).toBe(true);
      expect(text).not.toContain(INTERNAL_ERROR_TAIL);
      expect(emulator.requests).toHaveLength(1);
    });

    it(`${id}: the failure tail split at every byte is never shown`, async () => {
      const reply = `Partial answer. ${INTERNAL_ERROR_TAIL}`;
      for (let chunkSize = 1; chunkSize < reply.length; chunkSize++) {
        emulator.scenario(id, { text: reply, chunkSize });
        const { text, error } = await receive(id, { maxRetries: 0 });
        expect(text, `${chunkSize}-byte chunks`).toBe('Partial answer. ');
        expect(ModelFailedMidReplyError.isInstance(error)).toBe(true);
      }
    });

    it(`${id}: a serverless cut mid-reply gives the partial text, then ConnectionError`, async () => {
      emulator.scenario(id, { fault: 'reset-mid-reply' });
      const { error } = await receive(id);
      expect(ConnectionError.isInstance(error)).toBe(true);
    });
  }

  it("chatgpt-demo: the model API's 429 passed through is retried after Retry-After", async () => {
    emulator.scenario('demo', { fault: 'rate-limit', retryAfter: 1 }, { text: 'after the wait' });
    expect(await receive('demo', { maxRetryAfter: 2000 })).toEqual({
      text: 'after the wait',
      error: undefined,
    });
  });

  it("chatgpt-demo: the model API's spent quota (429 insufficient_quota, no content type) is not retried", async () => {
    emulator.scenario('demo', { fault: 'model-quota' });
    const { error } = await receive('demo');
    expect(RateLimitError.isInstance(error) && error.quotaExhausted).toBe(true);
    expect(emulator.requests).toHaveLength(1);
  });

  it("gemini-pro-chat: the model's spent quota (500 Quota exceeded) is a spent quota", async () => {
    emulator.scenario('gemini', { fault: 'model-quota' });
    const { error } = await receive('gemini');
    expect(RateLimitError.isInstance(error) && error.quotaExhausted).toBe(true);
    expect(emulator.requests).toHaveLength(1);
  });
});
