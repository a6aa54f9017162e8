import { createFallback, FallbackError, RateLimitError } from '@freechat/core';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createFreeGpt } from '@freechat/freegpt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let emulator: Emulator;
const messages = [{ role: 'user' as const, content: 'Which site answers?' }];

beforeAll(async () => {
  emulator = await startEmulator({ strict: true });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

function chain() {
  return createFallback([
    createFree2GPT({ baseURL: emulator.sites.free2gpt }),
    createFreeGpt({ baseURL: emulator.mirrors.freegpt, mirrorOrder: 'ordered' }),
  ]);
}

describe('createFallback across the real provider packages', () => {
  it('moves from Free2GPT with a spent quota to FreeGpt, which answers', async () => {
    emulator.scenario('free2gpt', { fault: 'quota' });
    emulator.scenario('freegpt', { text: 'FreeGpt answers.' });
    const fallback = chain();
    const received: string[] = [];
    for await (const text of fallback.stream({ messages })) received.push(text);
    expect(received.join('')).toBe('FreeGpt answers.');
    expect(emulator.requests.map((request) => [request.site, request.status])).toEqual([
      ['free2gpt', 500],
      ['freegpt', 200],
    ]);
    await fallback.close();
  });

  it('reports both spent quotas, one line per provider, when neither answers', async () => {
    emulator.scenario('free2gpt', { fault: 'quota' });
    for (const mirror of emulator.mirrors.freegpt) emulator.scenario(mirror, { fault: 'quota' });
    const fallback = chain();
    const error = await fallback.complete({ messages }).catch((caught: unknown) => caught);
    expect(FallbackError.isInstance(error)).toBe(true);
    const { attempts, message } = error as FallbackError;
    expect(attempts.map((attempt) => attempt.provider)).toEqual(['free2gpt', 'freegpt']);
    expect(attempts.every((attempt) => RateLimitError.isInstance(attempt.error))).toBe(true);
    expect(message.split('\n')).toHaveLength(3);
    await fallback.close();
  });
});
