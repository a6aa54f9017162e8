import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/test-redis.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { KeyLimitRefusal } from './key-limit-refusal.js';
import { KeyLimiter } from './key-limiter.js';
import { KeyMetrics } from './key-metrics.js';
import { MemoryLimits } from './memory-limits.js';
import { setPrincipal } from './principal.js';
import { formatReset } from './rate-limit-headers.js';
import { ADMIT, SETTLE } from './redis-scripts.js';
import { RedisState } from './redis-state.js';

const PER_MINUTE = 'sk-two-a-minute';
const PER_DAY = 'sk-few-tokens';
const ONE_AT_A_TIME = 'sk-one-at-a-time';
const FREE = 'sk-free';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

describe.each([
  ['in process', () => ({})],
  ['in Redis', () => ({ redis: redis.url, redisTimeout: 10_000 })],
])('per-key limits, %s', (_backend, backend) => {
  let test: TestServer;
  let now = Date.parse('2026-12-01T00:00:00Z');
  beforeAll(async () => {
    test = await startTestServer({
      server: {
        ...backend(),
        clock: () => now,
        // A prefix per run: the Redis counters of one describe never meet another's.
        redisKeyPrefix: `test-${Math.random()}:`,
        apiKey: [
          { key: PER_MINUTE, name: 'two-a-minute', requestsPerMinute: 2 },
          { key: PER_DAY, name: 'few-tokens', tokensPerDay: 40 },
          { key: ONE_AT_A_TIME, name: 'one-at-a-time', concurrentRequests: 1 },
          FREE,
        ],
      },
    });
  });
  afterAll(() => test.close());

  function chat(key: string, options: { stream?: boolean; content?: string } = {}) {
    return fetch(`${test.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        model: 'free2gpt',
        stream: options.stream ?? false,
        messages: [{ role: 'user', content: options.content ?? 'Hi' }],
      }),
    });
  }

  it('admits requestsPerMinute requests, then answers 429 as OpenAI does, with its headers', async () => {
    const first = await chat(PER_MINUTE);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset-requests')).toBe('30s');
    await first.text();
    const second = await chat(PER_MINUTE);
    expect(second.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(second.headers.get('x-ratelimit-reset-requests')).toBe('1m0s');
    await second.text();
    now += 10_000;
    const refused = await chat(PER_MINUTE);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('20');
    expect(refused.headers.get('retry-after-ms')).toBe('20000');
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset-requests')).toBe('50s');
    expect(await refused.json()).toEqual({
      error: {
        type: 'requests',
        code: 'rate_limit_exceeded',
        param: null,
        message:
          "Rate limit reached for key 'two-a-minute' on requests per min (RPM): Limit 2. Please try again in 20s.",
      },
    });
    now += 20_000;
    const again = await chat(PER_MINUTE);
    expect(again.status).toBe(200);
    await again.text();
  });

  it('counts a refused request in no limit, and the Responses API answers the same 429', async () => {
    now += 60_000;
    for (const status of [200, 200, 429, 429]) {
      const response = await fetch(`${test.url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${PER_MINUTE}` },
        body: JSON.stringify({ model: 'free2gpt', input: 'Hi' }),
      });
      expect(response.status).toBe(status);
      await response.text();
    }
    // The refusals poured nothing: half a minute frees exactly one request.
    now += 30_000;
    expect((await chat(PER_MINUTE)).status).toBe(200);
    expect((await chat(PER_MINUTE)).status).toBe(429);
  });

  it('counts the estimated tokens of each reply against tokensPerDay (type tokens)', async () => {
    const first = await chat(PER_DAY);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-tokens')).toBe('40');
    expect(first.headers.get('x-ratelimit-remaining-tokens')).toBe('40');
    const { usage } = (await first.json()) as { usage: { total_tokens: number } };
    expect(usage.total_tokens).toBeGreaterThan(40);
    const refused = await chat(PER_DAY);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
    expect(((await refused.json()) as { error: { type: string } }).error.type).toBe('tokens');
    // A day drains the bucket whole.
    now += 24 * 60 * 60 * 1000;
    expect((await chat(PER_DAY)).status).toBe(200);
  });

  it('holds a concurrent slot while a reply streams, and frees it when the client leaves', async () => {
    test.emulator.scenario('free2gpt', { fault: 'stall-mid-reply' });
    const upstream = test.emulator.nextRequest();
    const streaming = await chat(ONE_AT_A_TIME, { stream: true });
    expect(streaming.status).toBe(200);
    const refused = await chat(ONE_AT_A_TIME);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: { type: 'requests', message: expect.stringContaining('concurrent requests') },
    });
    await streaming.body!.cancel();
    await (await upstream).closed;
    let status = 429;
    for (let tries = 0; status === 429 && tries < 100; tries++) {
      const response = await chat(ONE_AT_A_TIME);
      status = response.status;
      await response.text();
    }
    expect(status).toBe(200);
  });

  it('counts usage per key name in /metrics, never showing a key', async () => {
    const metrics = await (
      await fetch(`${test.url}/metrics`, { headers: { authorization: `Bearer ${FREE}` } })
    ).text();
    expect(metrics).toMatch(/^freechat_key_requests_total\{name="two-a-minute"\} [1-9]/m);
    expect(metrics).toMatch(
      /^freechat_key_rate_limited_total\{name="two-a-minute",limit="requests_per_minute"\} [1-9]/m,
    );
    expect(metrics).toMatch(/^freechat_key_tokens_total\{name="few-tokens"\} [1-9]/m);
    expect(metrics).toMatch(/^freechat_state_backend_up 1$/m);
    for (const key of [PER_MINUTE, PER_DAY, ONE_AT_A_TIME, FREE])
      expect(metrics).not.toContain(key);
  });

  it('leaves a key without limits alone, with no rate limit headers', async () => {
    const response = await chat(FREE);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit-requests')).toBeNull();
    await response.text();
  });
});

describe('settling a request of a limited key, in Redis', () => {
  it('pours its tokens and gives its slot back in the next admission’s script, or alone: one command a request under load', async () => {
    const key = 'sk-slot-and-tokens';
    const prefix = `test-${Math.random()}:`;
    const test = await startTestServer({
      server: {
        redis: redis.url,
        redisTimeout: 10_000,
        redisKeyPrefix: prefix,
        apiKey: [{ key, name: 'slot-and-tokens', concurrentRequests: 1, tokensPerDay: 1e6 }],
      },
    });
    const { Redis } = await import('ioredis');
    const observer = new Redis(redis.url);
    const monitor = await observer.monitor();
    // The scripts the server runs and the other commands it sends, in order (not the commands its
    // scripts run inside Redis); an admission that settles earlier requests says how many leases.
    const sent: string[] = [];
    const { promise: settled, resolve } = promiseWithResolve();
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source === 'lua') return;
      const [command, sha] = args.map(String);
      if (command!.toLowerCase() !== 'evalsha') sent.push(command!);
      else if (sha === SETTLE.sha) sent.push('settle');
      else if (sha !== ADMIT.sha) sent.push(sha!);
      else {
        // EVALSHA, the SHA-1, 3 and the keys, then the admission's 8 arguments, then the leases.
        const leases = args.length - 14;
        sent.push(leases === 0 ? 'admit' : `admit settling ${leases}`);
      }
      if (sent.includes('settle')) resolve();
    });
    const chat = async () => {
      const response = await fetch(`${test.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          model: 'free2gpt',
          stream: true,
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      });
      await response.text();
      return response.status;
    };
    try {
      // The first request's settlement waits for the second's admission and runs in it, first: the
      // one slot is free again when the second asks for it. The second's leaves on its own.
      expect(await chat()).toBe(200);
      expect(await chat()).toBe(200);
      await settled;
      expect(sent).toEqual(['admit', 'admit settling 1', 'settle']);
      // Tokens poured; the slot given back (a sorted set left empty is gone).
      expect(await observer.keys(`${prefix}limit:*:tokens`)).toHaveLength(1);
      expect(await observer.keys(`${prefix}limit:*:running`)).toEqual([]);
    } finally {
      monitor.disconnect();
      observer.disconnect();
      await test.close();
    }
  });
});

describe('limits too high ever to fill a bucket, in Redis', () => {
  it('admits and counts with Redis up: a bucket that drains within the same millisecond still expires', async () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const state = new RedisState({
      url: redis.url,
      keyPrefix: `test-${Math.random()}:`,
      timeout: 1000,
      clock: () => now,
      log: { info: () => {}, warn: () => {} },
    });
    await state.ready();
    // One request or token is a fraction of a microsecond of these buckets: below the precision of
    // a time since the epoch, so pouring it leaves the drain time where it was.
    const limits = { requestsPerMinute: 1e9, tokensPerDay: Number.MAX_SAFE_INTEGER };
    try {
      expect((await state.limits.admit('huge', limits, now)).admitted).toBe(true);
      expect(state.status().up).toBe(true);
      state.limits.settle('huge', limits, { tokens: 10, lease: undefined }, now);
      await state.limits.flush();
      expect(state.status().up).toBe(true);
    } finally {
      await state.close();
    }
  });
});

describe('the limit check, for any route', () => {
  it('answers in the shape the route gives it (here Anthropic’s)', async () => {
    const fastify = Fastify();
    const metrics = new KeyMetrics(new Registry(), () => ({ backend: 'memory', up: true }));
    const limiter = new KeyLimiter(new MemoryLimits(), metrics, () => 0);
    class AnthropicRateLimit extends Error {
      constructor(readonly refusal: KeyLimitRefusal) {
        super(refusal.message);
      }
    }
    fastify.setErrorHandler(async (error, _request, reply) => {
      if (!(error instanceof AnthropicRateLimit)) throw error;
      return reply
        .code(429)
        .headers(error.refusal.headers)
        .send({ type: 'error', error: { type: 'rate_limit_error', message: error.message } });
    });
    fastify.post('/v1/messages', async (request, reply) => {
      setPrincipal(request, { id: 'a', name: 'claude-key', limits: { requestsPerMinute: 1 } });
      await limiter.admit(request, reply, (refusal) => new AnthropicRateLimit(refusal));
      return { ok: true };
    });
    expect((await fastify.inject({ method: 'POST', url: '/v1/messages' })).statusCode).toBe(200);
    const refused = await fastify.inject({ method: 'POST', url: '/v1/messages' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.json()).toEqual({
      type: 'error',
      error: {
        type: 'rate_limit_error',
        message:
          "Rate limit reached for key 'claude-key' on requests per min (RPM): Limit 1. Please try again in 60s.",
      },
    });
    await fastify.close();
  });
});

describe('formatReset, in the format of OpenAI’s x-ratelimit-reset-* headers', () => {
  it.each([
    [0, '0s'],
    [20, '20ms'],
    [999.2, '1s'],
    [998.2, '999ms'],
    [1000, '1s'],
    [17_280, '17.28s'],
    [360_000, '6m0s'],
    [3_600_000, '1h0m0s'],
    [3_723_500, '1h2m3.5s'],
  ])('%d ms is %s', (ms, shown) => {
    expect(formatReset(ms)).toBe(shown);
  });
});

describe('KeyLimitRefusal', () => {
  it('tells at least a millisecond to wait, in whole seconds for Retry-After', () => {
    const refusal = new KeyLimitRefusal({
      keyName: 'k',
      limit: 'tokens_per_day',
      value: 5,
      retryAfterMs: 0.2,
      rateLimitHeaders: {},
    });
    expect(refusal.headers).toEqual({ 'retry-after': '1', 'retry-after-ms': '1' });
    expect(refusal.kind).toBe('tokens');
  });
});

/** A promise and the function that resolves it. */
function promiseWithResolve(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
