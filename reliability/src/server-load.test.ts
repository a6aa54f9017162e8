import { type Emulator, scenarioHeaderValue, startEmulator } from '@freechat/emulator';
import { createServer, type FreechatServer } from '@freechat/server';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RELIABILITY_SITES } from './reliability-sites.js';
import { eventually, settleWithin } from './test-bounds.js';
import { UpstreamTally } from './test-upstream-tally.js';

/**
 * autocannon's run: a fixed concurrency for a fixed number of requests (not a fixed time, so that the
 * counts below do not depend on how busy the machine is).
 */
const CONNECTIONS = 32;
const REQUESTS = 1200;
/** Raw clients that each, HANG_UPS_EACH times: start a stream, read its first text, hang up. */
const DISCONNECTERS = 8;
const HANG_UPS_EACH = 25;
/** Upstream failures played on purpose: the only 5xx the server may answer with. */
const UPSTREAM_FAULTS = 50;

let emulator: Emulator;
let tally: UpstreamTally;
let server: FreechatServer;
let baseURL: string;

beforeAll(async () => {
  // The log is off so that it does not grow through the run; UpstreamTally counts instead.
  emulator = await startEmulator({ maxLogEntries: 0 });
  tally = new UpstreamTally(emulator);
  const stall = scenarioHeaderValue({ fault: 'stall-mid-reply' });
  const providers = RELIABILITY_SITES.map((site) =>
    site.create({
      baseURL: emulator.sites[site.site],
      maxRetries: 0,
      // Every GPROChat reply stalls after its first chunks: only a client's hang-up can end it.
      ...(site.site === 'gprochat' ? { headers: { 'x-emulator-scenario': stall } } : {}),
    }),
  );
  emulator.scenario('aichatfree', ...Array(UPSTREAM_FAULTS).fill({ fault: 'bad-gateway' }));
  server = createServer({ providers });
  baseURL = await server.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await emulator.close();
});

function chatBody(model: string, question: string): string {
  return JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: question }] });
}

/** One raw client's loop: stream from GPROChat and hang up after the first text, HANG_UPS_EACH times. */
async function disconnectLoop(agent: Agent, counts: { aborted: number; failed: number[] }) {
  for (let round = 0; round < HANG_UPS_EACH; round++) {
    const controller = new AbortController();
    const response = await request(`${baseURL}/v1/chat/completions`, {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody('gprochat', `hang up #${round}`),
      signal: controller.signal,
    });
    if (response.statusCode !== 200) {
      counts.failed.push(response.statusCode);
      await response.body.text();
      continue;
    }
    let seen = '';
    try {
      for await (const chunk of response.body) {
        seen += String(chunk);
        if (seen.includes('"content"')) {
          controller.abort();
          break;
        }
      }
    } catch (error) {
      if ((error as { name?: unknown }).name !== 'AbortError') throw error;
    }
    counts.aborted++;
  }
}

it(`streams under load (${CONNECTIONS} connections, ${REQUESTS} requests) with ${DISCONNECTERS * HANG_UPS_EACH} clients hanging up: no 5xx but the upstream's, every upstream request closed (memory per hang-up: server-hang-ups.test.ts)`, {
  timeout: 150_000,
}, async () => {
  const counts = { aborted: 0, failed: [] as number[] };
  const agent = new Agent({ connections: DISCONNECTERS });
  const disconnecters = Array.from({ length: DISCONNECTERS }, () => disconnectLoop(agent, counts));
  const load = autocannon({
    url: `${baseURL}/v1/chat/completions`,
    connections: CONNECTIONS,
    amount: REQUESTS,
    requests: ['free2gpt', 'aichatfree', 'freegpt'].map((model) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: chatBody(model, `load for ${model}`),
    })),
  });
  const result = await settleWithin(load, 100_000, 'autocannon');
  await settleWithin(Promise.all(disconnecters), 30_000, 'the disconnecting clients');
  await agent.close();

  await settleWithin(tally.settled(), 10_000, 'every upstream request closing');

  // No 5xx but the ones the upstream caused, nothing else failing.
  const faults = tally.site('aichatfree').faults;
  expect(faults).toBe(UPSTREAM_FAULTS);
  expect(result['5xx']).toBe(faults);
  expect(result['4xx'] + result['3xx'] + result['1xx']).toBe(0);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result['2xx']).toBe(REQUESTS - faults);
  expect(counts.failed).toEqual([]);
  expect(counts.aborted).toBe(DISCONNECTERS * HANG_UPS_EACH);

  // Every upstream request closed (above); each hang-up closed its upstream request.
  const hungUp = tally.site('gprochat');
  expect(hungUp.received).toBe(counts.aborted);
  expect(hungUp.clientClosed).toBe(hungUp.received);

  console.info(`server load: ${result['2xx']} streams, ${counts.aborted} hang-ups`);

  // Closing the server closes every upstream connection.
  await settleWithin(server.close(), 15_000, 'server.close()');
  expect(await eventually(() => emulator.openConnections() === 0, 2000)).toBe(true);
});
