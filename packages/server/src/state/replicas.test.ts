import type { Message } from '@freechat/core';
import { type Emulator, emulatedReplyText, startEmulator } from '@freechat/emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/test-redis.js';
import { type Replica, startReplica } from '../../test/test-replicas.js';
import { fieldOf } from '../../test/test-setup.js';

const LIMITED = 'sk-limited-key';
const OPEN = 'sk-open-key';

let redis: TestRedis;
let emulator: Emulator;
let replicas: Replica[];

beforeAll(async () => {
  [redis, emulator] = await Promise.all([startRedis(), startEmulator()]);
  const server = {
    redis: redis.url,
    // What is tested is the sharing: a loaded machine must not push a replica onto its own state.
    redisTimeout: 10_000,
    apiKey: [{ key: LIMITED, name: 'limited', requestsPerMinute: 6 }, OPEN],
  };
  replicas = await Promise.all([1, 2, 3].map(() => startReplica(emulator, server)));
}, 30_000);

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await Promise.all([redis.stop(), emulator.close()]);
});

function chat(replica: Replica, model: string, key = OPEN) {
  return fetch(`${replica.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
  });
}

async function providerState(replica: Replica, id: string): Promise<string> {
  const response = await fetch(`${replica.url}/v1/providers`, {
    headers: { authorization: `Bearer ${OPEN}` },
  });
  const list = (await response.json()) as { data: { id: string; status: { state: string } }[] };
  return list.data.find((provider) => provider.id === id)!.status.state;
}

async function health(replica: Replica): Promise<{ backend: string; up: boolean }> {
  const response = await fetch(`${replica.url}/healthz`);
  return ((await response.json()) as { state: { backend: string; up: boolean } }).state;
}

/** Asks `probe` again until it answers `wanted` or `limit` ms have passed; resolves with the time taken. */
async function timeUntil<T>(probe: () => Promise<T>, wanted: T, limit: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limit) {
    if ((await probe()) === wanted) return performance.now() - started;
  }
  throw new Error(`still not ${String(wanted)} after ${limit} ms`);
}

function client(replica: Replica): OpenAI {
  return new OpenAI({ baseURL: `${replica.url}/v1`, apiKey: OPEN, maxRetries: 0 });
}

describe('three replicas sharing one Redis', () => {
  it('a 429 with Retry-After on one replica cools the provider down on the other two within a second', async () => {
    const [first, ...others] = replicas as [Replica, Replica, Replica];
    emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 60 });
    const answered = await chat(first, 'gemini-1.5-flash');
    expect(answered.status).toBe(200);
    await answered.text();
    for (const replica of others) {
      expect(
        await timeUntil(() => providerState(replica, 'free2gpt'), 'cooling_down', 1000),
      ).toBeLessThan(1000);
    }
    // The others skip it: the bare model goes straight to the next provider that serves it.
    const before = emulator.requests.length;
    for (const replica of others) {
      const response = await chat(replica, 'gemini-1.5-flash');
      expect(response.status).toBe(200);
      await response.text();
    }
    const sites = emulator.requests.slice(before).map((entry) => entry.site);
    expect(sites).not.toContain('free2gpt');
  });

  it('a key with requestsPerMinute: 6 gets exactly 6 answers across the three, then 429s', async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let index = 0; index < 9; index++) {
      const response = await chat(replicas[index % 3]!, 'freegpt', LIMITED);
      statuses.push(response.status);
      if (response.status === 429) refused ??= response;
      await response.text();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429]);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.headers.get('x-ratelimit-limit-requests')).toBe('6');
    expect(refused!.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  });

  it('a Response stored through one replica is read through another and continued through the third', async () => {
    const [first, second, third] = replicas.map(client) as [OpenAI, OpenAI, OpenAI];
    const stored = await first.responses.create({ model: 'free2gpt', input: 'Hi' });
    expect(fieldOf(stored, 'store')).toBe(true);
    const read = await second.responses.retrieve(stored.id);
    expect(read).toEqual(stored);
    const upstream = emulator.nextRequest();
    const continued = await third.responses.create({
      model: 'free2gpt',
      input: 'And then?',
      previous_response_id: stored.id,
    });
    const earlier: Message[] = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: stored.output_text },
    ];
    const conversation: Message[] = [...earlier, { role: 'user', content: 'And then?' }];
    expect(((await upstream).body as { messages: unknown }).messages).toEqual(conversation);
    expect(continued.previous_response_id).toBe(stored.id);
    expect(continued.output_text).toBe(emulatedReplyText('free2gpt', conversation));
  });

  it('Redis killed mid-run and restarted: every request is answered, shared state comes back', async () => {
    await redis.kill();
    for (const replica of replicas) {
      const response = await chat(replica, 'freegpt');
      expect(response.status).toBe(200);
      await response.text();
      expect(await health(replica)).toEqual({ backend: 'redis', up: false });
      const metrics = await fetch(`${replica.url}/metrics`, {
        headers: { authorization: `Bearer ${OPEN}` },
      });
      expect(await metrics.text()).toMatch(/^freechat_state_backend_up 0$/m);
    }
    await redis.restart();
    for (const replica of replicas) {
      await timeUntil(async () => (await health(replica)).up, true, 5000);
    }
    const [first, second] = replicas.map(client) as [OpenAI, OpenAI];
    const stored = await first.responses.create({ model: 'freegpt', input: 'Back?' });
    expect((await second.responses.retrieve(stored.id)).id).toBe(stored.id);
    // One warning per outage, not one per request: each warning is followed by one return. (A slow
    // answer on a loaded machine may count as a short outage of its own, with its own pair.)
    for (const replica of replicas) {
      const warnings = replica.output().match(/Redis cannot be used/g) ?? [];
      const returns = replica.output().match(/Redis answers again/g) ?? [];
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      expect(warnings.length).toBe(returns.length);
    }
  });

  it('prints the Redis password nowhere', () => {
    for (const replica of replicas) {
      expect(replica.output()).toContain('redis://***@127.0.0.1');
      expect(replica.output()).not.toContain(redis.password);
    }
  });
});
