import type { Message, Provider } from '@freechat/core';
import { type Emulator, FAULT_KINDS, type FaultKind, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectedFault, expectedTextFor, TABLE_FAULTS } from './fault-expectations.js';
import { RELIABILITY_SITES } from './reliability-sites.js';
import { settleWithin } from './test-bounds.js';
import { settledConnections } from './test-resources.js';
import { ERROR_CHECKS, readOutcome, type StreamOutcome } from './test-stream-outcome.js';

/** The emulator's chunk size; a partial reply is at most PARTIAL_REPLY_CHUNKS chunks of it. */
const CHUNK_SIZE = 16;
/** Every timeout that does not end a stall: long enough never to fire on a busy machine. */
const TIMEOUT = 10_000;
/** The timeout that ends a stall, on the fake clock. */
const STALL_TIMEOUT = 200;
/**
 * How long any cell may take before it counts as hung, the 2 ms-per-byte trickle included: a bound,
 * not a timing, so far longer than a cell takes on a loaded machine (under the test's 30 s).
 */
const CELL_BOUND = 20_000;

/**
 * The stall faults, and the timeout that ends each: the response timeout when nothing comes, the idle
 * timeout when text comes first.
 */
const STALL_ENDS: Partial<Record<FaultKind, 'timeout' | 'idleTimeout'>> = {
  'stall-before-headers': 'timeout',
  'stall-mid-reply': 'idleTimeout',
  'stall-after-reply': 'idleTimeout',
};

const messages: Message[] = [{ role: 'user', content: 'Faults, every one: ünïcödé 日本 🚀' }];
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ chunkSize: CHUNK_SIZE });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

it('covers every fault the emulator can play', () => {
  expect([...TABLE_FAULTS].sort()).toEqual([...FAULT_KINDS].sort());
});

describe.each(RELIABILITY_SITES)('$site meets each fault once', (site) => {
  it.each(TABLE_FAULTS)(
    '%s: ends as the fault table says, in bounded time, no socket left open',
    async (fault) => {
      const expected = expectedFault(fault, site).outcome;
      const text = expectedTextFor(expected.text, site.site, messages, CHUNK_SIZE);
      const stallEnd = STALL_ENDS[fault];
      const provider = site.create({
        baseURL: emulator.sites[site.site],
        maxRetries: 0,
        timeout: TIMEOUT,
        idleTimeout: TIMEOUT,
        ...(stallEnd === undefined ? {} : { [stallEnd]: STALL_TIMEOUT }),
      });
      emulator.scenario(site.site, { fault });

      const outcome = await settleWithin(
        stallEnd === undefined
          ? readOutcome(provider.stream({ messages }))
          : readStall(provider, stallEnd, text),
        CELL_BOUND,
        `${site.site} meeting ${fault}`,
      );

      if (expected.text === 'partial-reply-or-less') {
        expect(text.startsWith(outcome.text)).toBe(true);
      } else {
        expect(outcome.text).toBe(text);
      }
      if (expected.error === undefined) {
        expect(outcome.error).toBeUndefined();
      } else {
        expect(outcome.error).toMatchObject({ name: expected.error.name, provider: site.site });
        expect(ERROR_CHECKS[expected.error.name](outcome.error)).toBe(true);
        expect(outcome.error).toMatchObject(expected.error.fields);
      }
      expect(emulator.requests).toHaveLength(1);
      expect(emulator.requests[0]).toMatchObject({ verdict: 'fault', reason: fault });

      await settleWithin(provider.close(), CELL_BOUND, `${site.site}.close()`);
      expect(await settledConnections(emulator, 0)).toBe(0);
    },
  );
});

/**
 * Reads a stall cell's stream on a fake clock (setTimeout only: the emulator paces its writes with
 * node:timers/promises, and undici's own timers already run on the real clock). Once the stall is
 * reached (the request has arrived, or all the text before the stall has), the clock moves past the
 * timeout that ends it: no load can end the stall early, nor make the text before it late.
 */
async function readStall(
  provider: Provider,
  stallEnd: 'timeout' | 'idleTimeout',
  textBeforeStall: string,
): Promise<StreamOutcome> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const endStall = () => vi.advanceTimersByTime(STALL_TIMEOUT);
  try {
    if (stallEnd === 'timeout') {
      const arrived = emulator.nextRequest();
      const outcome = readOutcome(provider.stream({ messages }));
      await arrived;
      endStall();
      return await outcome;
    }
    const stream = endStallAfter(provider.stream({ messages }), textBeforeStall, endStall);
    return await readOutcome(stream);
  } finally {
    vi.useRealTimers();
  }
}

/** Passes `stream` on, and calls `endStall` once `text` has come and the caller waits for more. */
async function* endStallAfter(
  stream: AsyncIterable<string>,
  text: string,
  endStall: () => void,
): AsyncGenerator<string> {
  let received = '';
  for await (const piece of stream) {
    received += piece;
    yield piece;
    if (received === text) setImmediate(endStall);
  }
}
