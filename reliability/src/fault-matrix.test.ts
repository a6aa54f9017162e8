import type { Message, ProviderSettings } from '@freechat/core';
import { type Emulator, FAULT_KINDS, type FaultKind, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectedFault, expectedTextFor, TABLE_FAULTS } from './fault-expectations.js';
import { RELIABILITY_SITES } from './reliability-sites.js';
import { settleWithin } from './test-bounds.js';
import { settledConnections } from './test-resources.js';
import { ERROR_CHECKS, readOutcome } from './test-stream-outcome.js';

/** The emulator's chunk size; a partial reply is at most PARTIAL_REPLY_CHUNKS chunks of it. */
const CHUNK_SIZE = 16;
/** Every timeout that is not how a stall ends: long enough never to fire on a busy machine. */
const TIMEOUT = 10_000;
/**
 * How long any cell may take before it counts as hung, stalls and the 2 ms-per-byte trickle included:
 * a bound, not a timing, so far longer than a cell takes on a loaded machine (under the test's 30 s).
 */
const CELL_BOUND = 20_000;

/**
 * A cell's timeouts. A stall cell arms only the one that ends its stall: the response timeout (200 ms)
 * when nothing comes, since nothing must come within it; the idle timeout when text comes first, 1 s,
 * since every chunk before the stall must come within it.
 */
function timeoutsFor(fault: FaultKind): Pick<ProviderSettings, 'timeout' | 'idleTimeout'> {
  if (fault === 'stall-before-headers') return { timeout: 200, idleTimeout: TIMEOUT };
  if (fault.startsWith('stall')) return { timeout: TIMEOUT, idleTimeout: 1000 };
  return { timeout: TIMEOUT, idleTimeout: TIMEOUT };
}

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
      const provider = site.create({
        baseURL: emulator.sites[site.site],
        maxRetries: 0,
        ...timeoutsFor(fault),
      });
      emulator.scenario(site.site, { fault });

      const outcome = await settleWithin(
        readOutcome(provider.stream({ messages })),
        CELL_BOUND,
        `${site.site} meeting ${fault}`,
      );

      const text = expectedTextFor(expected.text, site.site, messages, CHUNK_SIZE);
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
