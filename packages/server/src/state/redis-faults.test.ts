import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  type SlowRedisProxy,
  startRedis,
  startSlowRedisProxy,
  type TestRedis,
} from '../../test/test-redis.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { RedisState } from './redis-state.js';

const KEY = 'sk-limited';

function chat(test: TestServer) {
  return fetch(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ model: 'freegpt', messages: [{ role: 'user', content: 'Hi' }] }),
  });
}

async function state(test: TestServer): Promise<{ backend: string; up: boolean }> {
  return (
    (await (await fetch(`${test.url}/healthz`)).json()) as {
      state: { backend: string; up: boolean };
    }
  ).state;
}

/** Asks the server's /healthz again until its state is up (at most `limit` ms). */
async function untilUp(test: TestServer, limit = 5000): Promise<void> {
  const started = performance.now();
  while (!(await state(test)).up) {
    if (performance.now() - started > limit) throw new Error('the state did not come back');
  }
}

function warnings(test: TestServer): string[] {
  return test.logs.filter((line) => line.includes('Redis cannot be used'));
}

describe('a server whose Redis is down when it starts', () => {
  let test: TestServer;
  let redis: TestRedis | undefined;
  const password = 'start-later-password';
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    test = await startTestServer({
      server: {
        logger: true,
        redis: `redis://:${password}@127.0.0.1:${port}`,
        apiKey: { key: KEY, requestsPerMinute: 100 },
      },
    });
  });
  afterAll(async () => {
    await test.close();
    await redis?.stop();
  });

  it('starts, answers from its own state, says so once, and goes shared once Redis is there', async () => {
    for (let index = 0; index < 3; index++) {
      const response = await chat(test);
      expect(response.status).toBe(200);
      await response.text();
    }
    expect(await state(test)).toEqual({ backend: 'redis', up: false });
    const metrics = await (
      await fetch(`${test.url}/metrics`, { headers: { authorization: `Bearer ${KEY}` } })
    ).text();
    expect(metrics).toMatch(/^freechat_state_backend_up 0$/m);
    expect(warnings(test)).toHaveLength(1);
    redis = await startRedis({ port, password });
    await untilUp(test);
    expect(test.logs.some((line) => line.includes('state shared through Redis'))).toBe(true);
    expect(test.logs.join('')).not.toContain(password);
  });
});

/**
 * The first server's `redisTimeout`. ioredis itself drops a command only after ten times as long, so
 * a reply within five times it came from the server's own bound: the margin on either side is wide
 * enough for a loaded machine.
 */
const TIMEOUT = 300;

describe('a Redis that answers slowly', () => {
  let test: TestServer;
  let patient: TestServer;
  let redis: TestRedis;
  let proxy: SlowRedisProxy;
  beforeAll(async () => {
    redis = await startRedis();
    proxy = await startSlowRedisProxy(redis);
    const server = { logger: true, redis: proxy.url, apiKey: { key: KEY, requestsPerMinute: 100 } };
    [test, patient] = await Promise.all([
      startTestServer({ server: { ...server, redisTimeout: TIMEOUT } }),
      startTestServer({ server: { ...server, redisTimeout: 10_000 } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([test.close(), patient.close()]);
    await proxy.close();
    await redis.stop();
  });

  it('waits as long as redisTimeout says: an answer 300 ms late keeps the state in Redis', async () => {
    await untilUp(patient);
    const before = warnings(patient).length;
    proxy.hold();
    const answered = chat(patient);
    await proxy.held();
    // Redis is late by three times the default timeout, well inside this server's 10 s.
    await sleep(300);
    proxy.release();
    const response = await answered;
    expect(response.status).toBe(200);
    await response.text();
    expect((await state(patient)).up).toBe(true);
    expect(warnings(patient)).toHaveLength(before);
  });

  it('never stalls a reply: past the timeout the server answers from its own state', async () => {
    // The proxy runs in this process: a busy start can make it late once, before the test begins.
    await untilUp(test);
    const before = warnings(test).length;
    proxy.hold();
    for (let index = 0; index < 3; index++) {
      const started = performance.now();
      const response = await chat(test);
      expect(response.status).toBe(200);
      await response.text();
      // TIMEOUT for Redis at most, then the reply itself (ioredis alone would wait 10 × TIMEOUT).
      expect(performance.now() - started).toBeLessThan(5 * TIMEOUT);
    }
    expect((await state(test)).up).toBe(false);
    expect(warnings(test)).toHaveLength(before + 1);
    proxy.release();
    await untilUp(test);
    const response = await chat(test);
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('100');
    await response.text();
  });
});

describe('an admission Redis answers after the timeout', () => {
  it('ends the slot Redis gave it: the request runs on a slot of the replica’s own', async () => {
    const redis = await startRedis();
    const proxy = await startSlowRedisProxy(redis);
    const prefix = `late-${Math.random()}:`;
    const state = new RedisState({
      url: proxy.url,
      keyPrefix: prefix,
      timeout: 100,
      clock: () => Date.now(),
      log: { info: () => {}, warn: () => {} },
    });
    const { Redis } = await import('ioredis');
    const observer = new Redis(redis.url);
    const watcher = new Redis(redis.url);
    try {
      await state.ready();
      proxy.hold();
      const admission = await state.limits.admit('late', { concurrentRequests: 2 }, Date.now());
      expect(admission.admitted).toBe(true);
      expect(state.status().up).toBe(false);
      // Redis ran the admission all the same: it holds a slot the request does not run on.
      const [running] = await observer.keys(`${prefix}limit:*:running`);
      const [lease] = await observer.zrange(running!, 0, -1);
      expect(lease).toBeDefined();
      // The next script naming that slot (its admission was sent before the watch began).
      const monitor = await watcher.monitor();
      const ended = new Promise<void>((resolve) => {
        monitor.on('monitor', (_time: string, args: string[]) => {
          if (args[0]?.toLowerCase() === 'evalsha' && args.includes(lease!)) resolve();
        });
      });
      proxy.release();
      // Its answer comes in now, late: the slot must go, not be renewed for as long as the replica
      // lives (held, the slot would only ever see ZADD renewals, and this would wait for ever).
      await ended;
      expect(await observer.zcard(running!)).toBe(0);
    } finally {
      observer.disconnect();
      watcher.disconnect();
      await state.close();
      await proxy.close();
      await redis.stop();
    }
  });
});
