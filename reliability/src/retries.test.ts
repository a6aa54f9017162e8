import type { Message, ProviderSettings } from '@freechat/core';
import {
  type Emulator,
  emulatedReplyText,
  type FaultStep,
  type SiteId,
  startEmulator,
} from '@freechat/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RELIABILITY_SITES, type ReliabilitySite } from './reliability-sites.js';
import { settleWithin } from './test-bounds.js';
import { settledConnections } from './test-resources.js';
import { readOutcome, type StreamOutcome } from './test-stream-outcome.js';

/** Whether a provider with the default retry settings sends the request again after a fault. */
type RetryVerdict = 'retried' | 'not retried';

/** One row: a fault played once, and whether it is retried (per site where sites differ). */
interface RetryRow {
  /** What the row shows, for the test name. */
  readonly why: string;
  readonly step: FaultStep;
  readonly verdict: RetryVerdict | Readonly<Partial<Record<SiteId, RetryVerdict>>>;
  /** The least time between the two requests, when the site said how long to wait. */
  readonly minimumWait?: number;
  /**
   * The timeout a stall row arms; every other setting is the default (maxRetries 2, retryDelay 500 ms,
   * both timeouts a minute). The stall is how it ends whatever the load; the reply around the stall
   * must come within the same timeout, so it is long.
   */
  readonly settings?: ProviderSettings;
}

/** The timeout of a stall row: long enough for the reply that is not stalled, on any load. */
const STALL_TIMEOUT = 2000;
/**
 * How long a row may take before it counts as hung: a stall row's timeout and a default first retry
 * (at most 500 ms) take 2.5 s; the rest is room for a loaded machine, under the test's own 30 s.
 */
const ROW_BOUND = 20_000;

const RETRY_TABLE: readonly RetryRow[] = [
  {
    why: 'a 429 is retried after its retry-after-ms',
    step: { fault: 'rate-limit', retryAfterMs: 300 },
    verdict: 'retried',
    minimumWait: 250,
  },
  { why: 'a 500 is retried', step: { fault: 'server-error' }, verdict: 'retried' },
  { why: 'a 502 is retried', step: { fault: 'bad-gateway' }, verdict: 'retried' },
  { why: 'a 503 is retried', step: { fault: 'service-unavailable' }, verdict: 'retried' },
  { why: 'a 504 is retried', step: { fault: 'gateway-timeout' }, verdict: 'retried' },
  { why: "Cloudflare's 520 is retried", step: { fault: 'cloudflare-520' }, verdict: 'retried' },
  {
    why: 'a reset before headers is retried',
    step: { fault: 'reset-before-headers' },
    verdict: 'retried',
  },
  {
    why: 'a response timeout is retried',
    step: { fault: 'stall-before-headers' },
    verdict: 'retried',
    settings: { timeout: STALL_TIMEOUT },
  },
  {
    why: 'a spent quota is not retried',
    step: { fault: 'quota' },
    verdict: 'not retried',
  },
  { why: 'a 401 is not retried', step: { fault: 'invalid-signature' }, verdict: 'not retried' },
  {
    why: "Cloudflare's 403 challenge is not retried",
    step: { fault: 'cloudflare' },
    verdict: 'not retried',
  },
  {
    why: 'a Cloudflare challenge served with 200 is not retried',
    step: { fault: 'cloudflare-200' },
    verdict: 'not retried',
  },
  {
    why: 'an HTML page served with 200 is not retried',
    step: { fault: 'html-page' },
    verdict: 'not retried',
  },
  {
    why: 'a deployment whose own model API key is refused is not retried',
    step: { fault: 'invalid-api-key' },
    verdict: 'not retried',
  },
  { why: 'an empty reply is retried', step: { fault: 'empty-reply' }, verdict: 'retried' },
  {
    why: 'a Retry-After beyond maxRetryAfter fails at once',
    step: { fault: 'rate-limit', retryAfter: 60 },
    verdict: 'not retried',
  },
  {
    why: 'a reset after text reached the caller is not retried',
    step: { fault: 'reset-mid-reply' },
    verdict: 'not retried',
  },
  {
    why: 'a truncated reply is not retried',
    step: { fault: 'truncated' },
    verdict: 'not retried',
  },
  {
    why: 'an idle timeout after text reached the caller is not retried',
    step: { fault: 'stall-mid-reply' },
    verdict: 'not retried',
    settings: { idleTimeout: STALL_TIMEOUT },
  },
];

const messages: Message[] = [{ role: 'user', content: 'Will you try again?' }];
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

function verdictFor(row: RetryRow, site: SiteId): RetryVerdict {
  return typeof row.verdict === 'string' ? row.verdict : row.verdict[site]!;
}

/** Plays the row's fault once, then a normal reply, on one site; returns what the caller saw. */
async function play(row: RetryRow, site: ReliabilitySite): Promise<StreamOutcome> {
  const provider = site.create({ baseURL: emulator.sites[site.site], ...row.settings });
  emulator.scenario(site.site, row.step, {});
  const outcome = await readOutcome(provider.stream({ messages }));
  await provider.close();
  return outcome;
}

describe('with the default retry settings', () => {
  it.each(RETRY_TABLE.map((row) => [row.why, row] as const))('%s', async (_why, row) => {
    const outcomes = await settleWithin(
      Promise.all(RELIABILITY_SITES.map((site) => play(row, site))),
      ROW_BOUND,
      `the ${row.step.fault} row`,
    );
    for (const [index, site] of RELIABILITY_SITES.entries()) {
      const outcome = outcomes[index]!;
      const requests = emulator.requests.filter((entry) => entry.site === site.site);
      if (verdictFor(row, site.site) === 'retried') {
        expect(outcome).toEqual({ text: emulatedReplyText(site.site, messages), error: undefined });
        expect(requests.map((entry) => entry.verdict)).toEqual(['fault', 'ok']);
        const wait = requests[1]!.receivedAt - requests[0]!.receivedAt;
        expect(wait).toBeGreaterThanOrEqual(row.minimumWait ?? 0);
      } else {
        expect(outcome.error).toMatchObject({ provider: site.site });
        expect(requests.map((entry) => entry.verdict)).toEqual(['fault']);
      }
    }
    expect(await settledConnections(emulator, 0)).toBe(0);
  });

  it('gives up after maxRetries (2): three requests, and the last error is thrown', async () => {
    const outcomes = await settleWithin(
      Promise.all(
        RELIABILITY_SITES.map(async (site) => {
          const provider = site.create({ baseURL: emulator.sites[site.site] });
          emulator.scenario(
            site.site,
            { fault: 'bad-gateway' },
            { fault: 'service-unavailable' },
            { fault: 'gateway-timeout' },
          );
          const outcome = await readOutcome(provider.stream({ messages }));
          await provider.close();
          return outcome;
        }),
      ),
      ROW_BOUND,
      'three failures with backoff',
    );
    for (const [index, site] of RELIABILITY_SITES.entries()) {
      expect(outcomes[index]!.error).toMatchObject({ name: 'ResponseStatusError', status: 504 });
      expect(emulator.requests.filter((entry) => entry.site === site.site)).toHaveLength(3);
    }
  });
});

describe("across FreeGpt's mirrors (ordered)", () => {
  const freegpt = RELIABILITY_SITES.find((site) => site.site === 'freegpt')!;

  it.each([
    { fault: 'quota', next: true },
    { fault: 'cloudflare', next: true },
    { fault: 'cloudflare-200', next: true },
    { fault: 'html-page', next: true },
    { fault: 'invalid-api-key', next: true },
    { fault: 'empty-reply', next: true },
    { fault: 'reset-before-headers', next: true },
    { fault: 'invalid-signature', next: false },
  ] as const)('$fault on the first mirror moves on to the next: $next', async ({ fault, next }) => {
    const mirrors = emulator.mirrors.freegpt;
    const provider = freegpt.create({ baseURL: mirrors, mirrorOrder: 'ordered', maxRetries: 0 });
    emulator.scenario(mirrors[0]!, { fault });
    const outcome = await settleWithin(
      readOutcome(provider.stream({ messages })),
      ROW_BOUND,
      `${fault} on a mirror`,
    );
    await provider.close();
    const hit = emulator.requests.map((entry) => entry.baseURL);
    if (next) {
      expect(outcome).toEqual({ text: emulatedReplyText('freegpt', messages), error: undefined });
      expect(hit).toEqual([mirrors[0], mirrors[1]]);
    } else {
      expect(outcome.error).toMatchObject({ name: 'AuthRejectedError' });
      expect(hit).toEqual([mirrors[0]]);
    }
  });
});
