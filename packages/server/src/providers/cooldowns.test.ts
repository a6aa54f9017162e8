import { RateLimitError } from '@freechat/core';
import { FREEGPT_QUOTA_TEXT, INTERNAL_ERROR_TAIL } from '@freechat/emulator';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { resolveServerOptions } from '../options.js';
import { ProviderCooldowns } from './provider-cooldowns.js';
import type { ProviderList } from './providers-route.js';

const COOLDOWN_TIME = 60_000;
/** The fake clock every cooldown reads: tests move it, nothing sleeps. */
let now = Date.UTC(2026, 0, 1);

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({
    server: {
      logger: true,
      clock: () => now,
      cooldownTime: COOLDOWN_TIME,
      cooldownAfterFailures: 2,
    },
    providers: { maxRetries: 0 },
  });
});
afterAll(() => test.close());
beforeEach(async () => {
  // Any cooldown left by the previous test ends, and a success clears its failures.
  now += 24 * 60 * 60 * 1000;
  for (const site of ['free2gpt', 'freegpt']) await ask(site);
  test.emulator.reset();
  test.logs.length = 0;
});

/** Asks `model` (the chain `gemini-1.5-flash` serves free2gpt, then freegpt) without streaming. */
function ask(model = 'gemini-1.5-flash') {
  return request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
  });
}

/** The sites the emulator received requests for, in order. */
function sites(): (string | undefined)[] {
  return test.emulator.requests.map((entry) => entry.site);
}

async function status(id: string) {
  const response = await request(`${test.url}/v1/providers`);
  const list = (await response.body.json()) as ProviderList;
  return list.data.find((entry) => entry.id === id)!.status;
}

function logged(message: string): Record<string, unknown>[] {
  return test.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === message);
}

describe('a rate-limited provider cools down for its Retry-After', () => {
  it('is skipped by the fallback chain, shown in /v1/providers, logged, and comes back by itself', async () => {
    test.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 30 });
    expect((await ask()).statusCode).toBe(200);
    expect(sites()).toEqual(['free2gpt', 'freegpt']);

    const until = new Date(now + 30_000).toISOString();
    expect(await status('free2gpt')).toMatchObject({
      state: 'cooling_down',
      cooldown: { until, reason: 'rate_limited' },
      error: expect.stringContaining('HTTP 429'),
    });
    expect(logged('provider cooling down')).toMatchObject([
      { level: 40, provider: 'free2gpt', reason: 'rate_limited', until },
    ]);

    now += 29_999;
    test.emulator.reset();
    expect((await ask()).statusCode).toBe(200);
    expect(sites()).toEqual(['freegpt']);

    now += 1;
    test.emulator.reset();
    expect((await ask()).statusCode).toBe(200);
    expect(sites()).toEqual(['free2gpt']);
    expect(await status('free2gpt')).toMatchObject({ state: 'up', cooldown: null });
    expect(logged('provider cooldown over')).toMatchObject([{ provider: 'free2gpt' }]);
  });

  it('a spent quota without Retry-After cools down for cooldownTime', async () => {
    test.emulator.scenario('free2gpt', { fault: 'quota' });
    await (await ask()).body.dump();
    expect(await status('free2gpt')).toMatchObject({
      state: 'cooling_down',
      cooldown: { until: new Date(now + COOLDOWN_TIME).toISOString(), reason: 'quota_exhausted' },
    });
    now += COOLDOWN_TIME;
    expect(await status('free2gpt')).toMatchObject({ state: 'down', cooldown: null });
  });

  it('a direct provider/model request still reaches a cooling provider, and its success ends the cooldown', async () => {
    test.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 30 });
    await (await ask()).body.dump();
    test.emulator.reset();
    expect((await ask('free2gpt/gemini-1.5-flash')).statusCode).toBe(200);
    expect(sites()).toEqual(['free2gpt']);
    expect(await status('free2gpt')).toMatchObject({ state: 'up', cooldown: null });
  });
});

describe('a failing provider cools down after cooldownAfterFailures failures in a row', () => {
  it('one failure does not; the second in a row does, for cooldownTime', async () => {
    test.emulator.scenario('free2gpt', { fault: 'bad-gateway' }, { fault: 'bad-gateway' });
    await (await ask()).body.dump();
    expect(await status('free2gpt')).toMatchObject({ state: 'down', cooldown: null });
    await (await ask()).body.dump();
    expect(await status('free2gpt')).toMatchObject({
      state: 'cooling_down',
      cooldown: { until: new Date(now + COOLDOWN_TIME).toISOString(), reason: 'failing' },
    });
    test.emulator.reset();
    await (await ask()).body.dump();
    expect(sites()).toEqual(['freegpt']);
  });

  it('a success in between starts the count again', async () => {
    test.emulator.scenario('free2gpt', { fault: 'bad-gateway' }, {}, { fault: 'bad-gateway' });
    for (let index = 0; index < 3; index++) await (await ask()).body.dump();
    expect(await status('free2gpt')).toMatchObject({ state: 'down', cooldown: null });
  });

  it('back from its cooldown, one more failure cools it down again at once', async () => {
    test.emulator.scenario(
      'free2gpt',
      { fault: 'bad-gateway' },
      { fault: 'bad-gateway' },
      { fault: 'bad-gateway' },
    );
    await (await ask()).body.dump();
    await (await ask()).body.dump();
    now += COOLDOWN_TIME;
    await (await ask()).body.dump();
    expect(await status('free2gpt')).toMatchObject({ state: 'cooling_down' });
  });
});

describe("a failure read from the reply's text", () => {
  it('FreeGpt’s quota text as a whole reply fails that request, but never cools the provider down', async () => {
    // The model can be asked to write the text: a prompt must not take the provider from everyone.
    const quotaReply = { text: FREEGPT_QUOTA_TEXT };
    test.emulator.scenario('freegpt', quotaReply, quotaReply, quotaReply);
    for (let index = 0; index < 3; index++) {
      const response = await ask('freegpt');
      expect(response.statusCode).toBe(429);
      expect(await response.body.json()).toMatchObject({ error: { code: 'insufficient_quota' } });
    }
    expect(await status('freegpt')).toMatchObject({ state: 'down', cooldown: null });
    expect(logged('provider cooling down')).toEqual([]);
    test.emulator.reset();
    expect((await ask()).statusCode).toBe(200);
    test.emulator.scenario('free2gpt', { fault: 'bad-gateway' });
    expect((await ask()).statusCode).toBe(200);
    expect(sites()).toEqual(['free2gpt', 'free2gpt', 'freegpt']);
  });

  it('a reply that ends with the failure text fails that request, but counts toward no cooldown', async () => {
    // No text before it: nothing of the reply counts as a success in between.
    const failedReply = { text: INTERNAL_ERROR_TAIL };
    test.emulator.scenario('free2gpt', failedReply, failedReply, failedReply);
    for (let index = 0; index < 3; index++) await (await ask('free2gpt')).body.dump();
    expect(test.emulator.requests).toHaveLength(3);
    expect(await status('free2gpt')).toMatchObject({
      state: 'down',
      cooldown: null,
      error: expect.stringContaining('model failed mid-reply'),
    });
  });

  it('the quota signs of a status still cool the provider down', async () => {
    test.emulator.scenario('freegpt', { fault: 'rate-limit', retryAfter: 30 });
    await (await ask('freegpt')).body.dump();
    expect(await status('freegpt')).toMatchObject({ state: 'cooling_down' });
  });
});

describe("a caller's own mistake", () => {
  it('neither marks the provider down nor counts toward its cooldown', async () => {
    const badTurns = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'a last message that is not the user' },
    ];
    for (let index = 0; index < 2; index++) {
      const response = await request(`${test.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'free2gpt', messages: badTurns }),
      });
      expect(response.statusCode).toBe(400);
      await response.body.dump();
    }
    expect(sites()).toEqual([]);
    expect(await status('free2gpt')).toMatchObject({ state: 'up', cooldown: null });
  });
});

describe('when every provider of a chain cools down', () => {
  it('answers 503 providers_cooling_down with the soonest end as Retry-After, sending nothing upstream', async () => {
    test.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 30 });
    test.emulator.scenario('freegpt', { fault: 'rate-limit', retryAfter: 20 });
    expect((await ask()).statusCode).toBe(429);
    test.emulator.reset();
    now += 5_000;
    const response = await ask();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('15');
    expect(response.headers['retry-after-ms']).toBe('15000');
    expect(await response.body.json()).toMatchObject({
      error: { type: 'service_unavailable', code: 'providers_cooling_down' },
    });
    expect(sites()).toEqual([]);
  });
});

describe('the cooldown options', () => {
  it('cooldownTime: 0 turns cooldowns off', () => {
    const started: unknown[] = [];
    const cooldowns = new ProviderCooldowns(
      { time: 0, afterFailures: 1, clock: () => now },
      { started: (cooldown) => started.push(cooldown), ended: () => {} },
    );
    const error = new RateLimitError({
      provider: 'free2gpt',
      url: 'http://127.0.0.1/api/generate',
      status: 429,
      headers: {},
      body: '',
      detail: '',
      retryAfter: 1000,
      quotaExhausted: false,
    });
    cooldowns.failed('free2gpt', error);
    cooldowns.failed('free2gpt', new Error('down'));
    expect(started).toEqual([]);
    expect(cooldowns.get('free2gpt')).toBeUndefined();
  });

  it.each([
    ['cooldownTime', -1, 'a whole number of milliseconds from 0 to 2147483647, got -1'],
    ['cooldownTime', 1.5, 'a whole number of milliseconds from 0 to 2147483647, got 1.5'],
    ['cooldownAfterFailures', Number.NaN, 'a whole number from 0 to 9007199254740991, got NaN'],
  ])('refuses %s: %s', (name, value, expected) => {
    expect(() => resolveServerOptions({ [name]: value })).toThrow(
      `[server] invalid ${name}: expected ${expected}`,
    );
  });
});
