import { once } from 'node:events';
import { connect } from 'node:net';
import { type Emulator, scenarioHeaderValue, startEmulator } from '@freechat/emulator';
import { createGPROChat } from '@freechat/gprochat';
import { createServer, type FreechatServer } from '@freechat/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { settleWithin } from './test-bounds.js';
import { UpstreamTally } from './test-upstream-tally.js';

/** Hang-ups measured, after WARM_UP_HANG_UPS that let every lazy structure reach its size. */
const HANG_UPS = 3000;
const WARM_UP_HANG_UPS = 3000;
/** Clients hanging up at the same time. */
const CONCURRENT_CLIENTS = 16;
/** The most heap (after a full collection) that one hang-up may leave behind, in bytes. */
const BYTES_PER_HANG_UP = 512;

let emulator: Emulator;
let tally: UpstreamTally;
let server: FreechatServer;
let port: number;

beforeAll(async () => {
  // The log is off so that it does not grow through the run; UpstreamTally counts instead.
  emulator = await startEmulator({ maxLogEntries: 0 });
  tally = new UpstreamTally(emulator);
  // Every reply stalls after its first chunks: only the client's hang-up ends it.
  const stall = scenarioHeaderValue({ fault: 'stall-mid-reply' });
  const provider = createGPROChat({
    baseURL: emulator.sites.gprochat,
    maxRetries: 0,
    headers: { 'x-emulator-scenario': stall },
  });
  server = createServer({ providers: [provider] });
  port = Number(new URL(await server.listen({ port: 0, host: '127.0.0.1' })).port);
});
afterAll(async () => {
  await server.close();
  await emulator.close();
});

const BODY = JSON.stringify({
  model: 'gprochat',
  stream: true,
  messages: [{ role: 'user', content: 'a reply I will not wait for' }],
});
const REQUEST =
  `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
  `content-length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`;

/** One client: starts a stream over a raw socket, reads up to its first text, and hangs up. */
async function hangUp(): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  let seen = '';
  const closed = once(socket, 'close');
  socket.write(REQUEST);
  await new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk) => {
      seen += String(chunk);
      if (seen.includes('"content"')) resolve();
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed before any text: ${seen.slice(0, 200)}`)));
  });
  socket.destroy();
  await closed;
}

/** `count` hang-ups, CONCURRENT_CLIENTS at a time; resolves once the server holds no socket. */
async function hangUps(count: number): Promise<void> {
  let started = 0;
  const client = async () => {
    while (started < count) {
      started++;
      await hangUp();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_CLIENTS }, client));
  await settleWithin(tally.settled(), 10_000, 'every upstream request closing');
  const connections = () =>
    new Promise<number>((resolve, reject) =>
      server.fastify.server.getConnections((error, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
  let open = -1;
  const poll = async () => {
    open = await connections();
  };
  await poll();
  for (let tries = 0; open !== 0 && tries < 1000; tries++) {
    await new Promise((resolve) => setImmediate(resolve));
    await poll();
  }
  expect(open, 'server sockets still open after every client hung up').toBe(0);
}

/** The heap after full collections, once finalizers and weak callbacks have had their turn. */
async function heapAfterCollection(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    throw new Error(
      'globalThis.gc is missing: run this file with node --expose-gc (see vitest.config.ts).',
    );
  }
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

it(`keeps at most ${BYTES_PER_HANG_UP} B per streaming client that hangs up mid-reply (${HANG_UPS} hang-ups, heap after forced GC)`, {
  timeout: 120_000,
}, async () => {
  await hangUps(WARM_UP_HANG_UPS);
  const before = await heapAfterCollection();
  await hangUps(HANG_UPS);
  const after = await heapAfterCollection();

  const received = tally.site('gprochat');
  expect(received.received).toBe(WARM_UP_HANG_UPS + HANG_UPS);
  expect(received.clientClosed).toBe(received.received);

  const perHangUp = (after - before) / HANG_UPS;
  console.info(
    `server hang-ups: heap ${(before / 2 ** 20).toFixed(2)} → ${(after / 2 ** 20).toFixed(2)} MiB over ${HANG_UPS} hang-ups: ${perHangUp.toFixed(0)} B each`,
  );
  expect(perHangUp, `${before} B → ${after} B`).toBeLessThanOrEqual(BYTES_PER_HANG_UP);
});
