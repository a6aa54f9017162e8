import type { Message, Provider } from '@freechat/core';
import {
  type Emulator,
  emulatedReplyText,
  type ScenarioStep,
  startEmulator,
} from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELIABILITY_SITES } from './reliability-sites.js';
import { RequestArrivals } from './test-arrivals.js';
import { eventually, settleWithin } from './test-bounds.js';
import { runBounded } from './test-concurrency.js';
import { openFileDescriptors, settledConnections } from './test-resources.js';

/** 5 ways × 2 000 = 10 000 abandoned streams, spread over the four providers. */
const STREAMS_PER_WAY = 2000;
const CONCURRENCY = 50;
/** How long one way's 2 000 streams may take (generous: 3 to 4 s on an idle 2-core machine). */
const WAY_BOUND = 60_000;

/** What the emulator plays for a way: a stall keeps the request open until the caller lets go. */
const STALL_BEFORE_HEADERS: ScenarioStep = { fault: 'stall-before-headers' };
const STALL_MID_REPLY: ScenarioStep = { fault: 'stall-mid-reply' };

let emulator: Emulator;
let arrivals: RequestArrivals;
let providers: Provider[];
let baselineDescriptors: number;

const collected = { count: 0 };
const registry = new FinalizationRegistry<void>(() => {
  collected.count++;
});

beforeAll(async () => {
  emulator = await startEmulator();
  arrivals = new RequestArrivals(emulator);
  providers = RELIABILITY_SITES.map((site) =>
    site.create({ baseURL: emulator.sites[site.site], maxRetries: 0 }),
  );
  baselineDescriptors = openFileDescriptors();
});
afterAll(async () => {
  await emulator.close();
});

/** The conversation of stream number `index` of a way: a question no other stream asks. */
function conversation(way: string, index: number): Message[] {
  return [{ role: 'user', content: `${way} #${index}` }];
}

/** The provider stream number `index` goes to. */
function providerFor(index: number): Provider {
  return providers[index % providers.length]!;
}

function expectAbortError(error: unknown): void {
  if ((error as { name?: unknown }).name !== 'AbortError') throw error;
}

/** Runs one way's streams with bounded concurrency, each playing `step`, and checks every request closed. */
async function abandonMany(
  way: string,
  step: ScenarioStep | undefined,
  abandon: (provider: Provider, messages: Message[]) => Promise<void>,
): Promise<void> {
  emulator.reset();
  arrivals.clear();
  if (step !== undefined) {
    for (const site of RELIABILITY_SITES) {
      emulator.scenario(site.site, ...Array<ScenarioStep>(STREAMS_PER_WAY / 4).fill(step));
    }
  }
  const all = runBounded(STREAMS_PER_WAY, CONCURRENCY, (index) =>
    abandon(providerFor(index), conversation(way, index)),
  );
  await settleWithin(all, WAY_BOUND, `${STREAMS_PER_WAY} streams abandoned by ${way}`);
  expect(emulator.requests).toHaveLength(STREAMS_PER_WAY);
  await settleWithin(
    Promise.all(emulator.requests.map((entry) => entry.closed)),
    WAY_BOUND,
    'every abandoned request closing',
  );
  const stalled = emulator.requests.filter((entry) => entry.verdict === 'fault');
  expect(stalled.every((entry) => entry.clientClosed)).toBe(true);
}

describe(`${STREAMS_PER_WAY * 5} abandoned streams`, { timeout: 2 * WAY_BOUND }, () => {
  it('abort before the response headers: AbortError, and the request closes', async () => {
    await abandonMany('abort-before-headers', STALL_BEFORE_HEADERS, async (provider, messages) => {
      const controller = new AbortController();
      const first = provider.stream({ messages, signal: controller.signal }).next();
      await arrivals.arrival(messages[0]!.content);
      controller.abort();
      await first.then(() => {
        throw new Error('a stalled request yielded text');
      }, expectAbortError);
    });
  });

  it('abort mid-stream: AbortError, and the request closes', async () => {
    await abandonMany('abort-mid-stream', STALL_MID_REPLY, async (provider, messages) => {
      const controller = new AbortController();
      const stream = provider.stream({ messages, signal: controller.signal });
      await stream.next();
      controller.abort();
      await stream.next().then(() => {
        throw new Error('an aborted stream went on');
      }, expectAbortError);
    });
  });

  it('break out of the loop: the request closes', async () => {
    await abandonMany('break', STALL_MID_REPLY, async (provider, messages) => {
      for await (const _text of provider.stream({ messages })) break;
    });
  });

  it('an exception thrown inside the loop: it propagates, and the request closes', async () => {
    await abandonMany('throw', STALL_MID_REPLY, async (provider, messages) => {
      const failure = new Error('the consumer failed');
      try {
        for await (const _text of provider.stream({ messages })) throw failure;
      } catch (error) {
        if (error !== failure) throw error;
      }
    });
  });

  it('a consumer that stops pulling and drops the stream: the reply completes, the stream is garbage-collected', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'run with --expose-gc (see vitest.config.ts)').toBeTypeOf('function');
    collected.count = 0;
    await abandonMany('stop-pulling', undefined, async (provider, messages) => {
      const stream = provider.stream({ messages });
      await stream.next();
      registry.register(stream);
    });
    expect(emulator.requests.every((entry) => entry.verdict === 'ok' && !entry.clientClosed)).toBe(
      true,
    );
    const allCollected = await eventually(() => {
      gc!();
      return collected.count === STREAMS_PER_WAY;
    }, 5000);
    expect(allCollected, `${collected.count} of ${STREAMS_PER_WAY} collected`).toBe(true);
  });

  it('leaves the same provider instances working, and then no socket nor descriptor behind', async () => {
    emulator.reset();
    for (const [index, site] of RELIABILITY_SITES.entries()) {
      const messages = conversation('next', index);
      expect(await providers[index]!.complete({ messages })).toBe(
        emulatedReplyText(site.site, messages),
      );
    }
    await settleWithin(
      Promise.all(providers.map((provider) => provider.close())),
      5000,
      'closing the providers',
    );
    expect(await settledConnections(emulator, 0)).toBe(0);
    await eventually(() => openFileDescriptors() <= baselineDescriptors, 2000);
    expect(openFileDescriptors()).toBe(baselineDescriptors);
  });
});

/** Reads the first text of a stream and drops it: neither finished, nor returned, nor aborted. */
async function abandonAfterFirstText(provider: Provider, messages: Message[]): Promise<void> {
  const stream = provider.stream({ messages });
  await stream.next();
}

// A stream whose consumer stops pulling (no return(), no abort) while the site keeps the reply open must
// not hold its request forever: its request is closed when the stream is garbage-collected, and
// provider.close() destroys in-flight requests instead of waiting for them.
describe('a stream abandoned while its reply stalls', () => {
  const site = RELIABILITY_SITES[0]!;
  const messages = conversation('abandoned-stall', 0);

  // The idle timer runs only while a caller waits for text, so it never closes a dropped stream: its
  // finalizer does. The idleTimeout is far beyond the test's bound so that only the finalizer can pass.
  it('is closed once garbage-collected, long before its idleTimeout', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'run with --expose-gc (see vitest.config.ts)').toBeTypeOf('function');
    emulator.reset();
    const provider = site.create({ baseURL: emulator.sites[site.site], idleTimeout: 600_000 });
    emulator.scenario(site.site, STALL_MID_REPLY);
    await abandonAfterFirstText(provider, messages);
    const closed = await eventually(() => {
      gc!();
      return emulator.requests[0]!.clientClosed;
    }, 5000);
    expect(closed, 'the abandoned request was closed').toBe(true);
    await provider.close();
  });

  it("does not keep the provider's close() from settling", async () => {
    emulator.reset();
    const provider = site.create({ baseURL: emulator.sites[site.site], idleTimeout: 100 });
    emulator.scenario(site.site, STALL_MID_REPLY);
    await abandonAfterFirstText(provider, messages);
    await settleWithin(provider.close(), 2000, 'close() with an abandoned stream');
  });
});
