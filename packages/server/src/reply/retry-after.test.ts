import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateLimitError } from '@freechat/core';
import { createFree2GPT } from '@freechat/free2gpt';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { createServer, type FreechatServer } from '../create-server.js';
import { MAX_RETRY_AFTER_COOLDOWN, ProviderCooldowns } from '../providers/provider-cooldowns.js';
import type { ProviderList } from '../providers/providers-route.js';

const COOLDOWN_TIME = 60_000;
/** The fake clock of every cooldown: tests move it, nothing sleeps. */
let now = Date.UTC(2026, 0, 1);

/**
 * A stand-in for a site that answers every request 429 with the next headers of `headers`: the
 * emulator writes only well-formed `Retry-After` values.
 */
let site: Server;
let siteHeaders: Record<string, string> = {};
/** A server in front of the stand-in site; one in front of the emulator. */
let standIn: FreechatServer;
let standInURL: string;
let emulated: TestServer;

beforeAll(async () => {
  site = createHttpServer((incoming, response) => {
    incoming.resume();
    response.writeHead(429, { 'content-type': 'text/plain', ...siteHeaders }).end('Slow down.');
  });
  site.listen(0, '127.0.0.1');
  await once(site, 'listening');
  const sitePort = (site.address() as AddressInfo).port;
  const serverOptions = { clock: () => now, cooldownTime: COOLDOWN_TIME };
  standIn = createServer({
    ...serverOptions,
    providers: [createFree2GPT({ baseURL: `http://127.0.0.1:${sitePort}`, maxRetries: 0 })],
  });
  standInURL = await standIn.listen();
  emulated = await startTestServer({ server: serverOptions, providers: { maxRetries: 0 } });
});
afterAll(async () => {
  await Promise.all([standIn.close(), emulated.close()]);
  site.close();
});
beforeEach(() => {
  // Any cooldown of the previous test is over.
  now += 24 * 60 * 60 * 1000;
});

/** Asks free2gpt without streaming; returns the status, the Retry-After headers and the cooldown. */
async function askFree2GPT(url: string) {
  const response = await request(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  await response.body.dump();
  const providers = await request(`${url}/v1/providers`);
  const list = (await providers.body.json()) as ProviderList;
  const { cooldown } = list.data.find((entry) => entry.id === 'free2gpt')!.status;
  return {
    status: response.statusCode,
    retryAfter: response.headers['retry-after'],
    retryAfterMs: response.headers['retry-after-ms'],
    cooldownFor: cooldown === null ? null : Date.parse(cooldown.until) - now,
  };
}

describe('Retry-After from a site', () => {
  it('is relayed at most an hour long, and cools the provider down at most an hour', async () => {
    emulated.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 10_000_000_000 });
    expect(await askFree2GPT(emulated.url)).toEqual({
      status: 429,
      retryAfter: '3600',
      retryAfterMs: '3600000',
      cooldownFor: MAX_RETRY_AFTER_COOLDOWN,
    });
  });

  it('is relayed as the site gave it when shorter', async () => {
    emulated.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfterMs: 2500 });
    expect(await askFree2GPT(emulated.url)).toEqual({
      status: 429,
      retryAfter: '3',
      retryAfterMs: '2500',
      cooldownFor: 2500,
    });
  });

  const unreadable: [string, Record<string, string>][] = [
    ['Retry-After: -5', { 'retry-after': '-5' }],
    ['retry-after-ms: -5', { 'retry-after-ms': '-5' }],
    ['retry-after-ms: 1e300', { 'retry-after-ms': '1e300' }],
    ['Retry-After: 1e3', { 'retry-after': '1e3' }],
    ['Retry-After: 400 nines', { 'retry-after': '9'.repeat(400) }],
    ['Retry-After: soon', { 'retry-after': 'soon' }],
    ['Retry-After: 5 apples', { 'retry-after': '5 apples' }],
    ['Retry-After: 0x10', { 'retry-after': '0x10' }],
  ];
  for (const [name, headers] of unreadable) {
    it(`is absent when unreadable or negative: ${name} sends none, and cools down for cooldownTime`, async () => {
      siteHeaders = headers;
      expect(await askFree2GPT(standInURL)).toEqual({
        status: 429,
        retryAfter: undefined,
        retryAfterMs: undefined,
        cooldownFor: COOLDOWN_TIME,
      });
    });
  }

  it('a RateLimitError of any provider with a negative or unreadable retryAfter cools down for cooldownTime', () => {
    for (const retryAfter of [-5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const cooldowns = new ProviderCooldowns(
        { time: COOLDOWN_TIME, afterFailures: 0, clock: () => now },
        { started: () => {}, ended: () => {} },
      );
      const error = new RateLimitError({
        provider: 'custom',
        url: 'http://127.0.0.1/',
        status: 429,
        headers: {},
        body: '',
        detail: 'rate limited',
        retryAfter,
        quotaExhausted: false,
      });
      cooldowns.failed('custom', error);
      expect(cooldowns.get('custom')?.until, String(retryAfter)).toBe(now + COOLDOWN_TIME);
    }
  });
});
