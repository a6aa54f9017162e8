import { type Bucket, bucketLevel, bucketWait, DAY, MINUTE, pour } from './limit-bucket.js';
import type {
  Admission,
  KeyLimitName,
  KeyLimits,
  KeyStanding,
  Lease,
  LimitStore,
  Settlement,
} from './server-state.js';

/** Milliseconds a request refused for concurrency is told to wait: when a slot frees is unknown. */
export const CONCURRENCY_RETRY_AFTER = 1000;

/**
 * The lease of every request admitted in memory: a key's running requests are a count, so one lease
 * is as good as another. Redis's state holds only leases it took itself (`<replica>:<n>`), so it
 * never takes this one for one of its own.
 */
const MEMORY_LEASE: Lease = Object.freeze({ id: 'memory' });

/** A key's three counters in this process. */
interface KeyCounters {
  /** When its requests bucket drains (0: never filled). */
  requestsDrainAt: number;
  /** When its tokens bucket drains. */
  tokensDrainAt: number;
  /** Its requests running now. */
  running: number;
}

/** The first limit a request is over, with the wait it is told. */
interface Refusal {
  limit: KeyLimitName;
  value: number;
  retryAfterMs: number;
}

/**
 * Per-key counters in this process. One entry per principal: bounded by the configured keys. A
 * request is admitted only when it fits every limit of its key, and then counted in all of them.
 * Both methods answer at once, with no promise: the limiter awaits only what is one.
 */
export class MemoryLimits implements LimitStore {
  readonly #keys = new Map<string, KeyCounters>();

  admit(principal: string, limits: KeyLimits, now: number): Admission {
    const counters = this.#counters(principal);
    const standing: KeyStanding = {};
    let refusal: Refusal | undefined;
    const requests = limits.requestsPerMinute;
    const requestsBucket: Bucket | undefined =
      requests === undefined ? undefined : { limit: requests, window: MINUTE };
    if (requestsBucket !== undefined) {
      const level = bucketLevel(requestsBucket, counters.requestsDrainAt, now);
      const wait = bucketWait(requestsBucket, level.backlog);
      standing.requests = { limit: requestsBucket.limit, ...after(level) };
      if (wait > 0) {
        refusal = { limit: 'requests_per_minute', value: requestsBucket.limit, retryAfterMs: wait };
      }
    }
    const concurrent = limits.concurrentRequests;
    if (refusal === undefined && concurrent !== undefined && counters.running >= concurrent) {
      refusal = {
        limit: 'concurrent_requests',
        value: concurrent,
        retryAfterMs: CONCURRENCY_RETRY_AFTER,
      };
    }
    const tokens = limits.tokensPerDay;
    if (tokens !== undefined) {
      const bucket = { limit: tokens, window: DAY };
      const level = bucketLevel(bucket, counters.tokensDrainAt, now);
      standing.tokens = { limit: tokens, ...after(level) };
      const wait = bucketWait(bucket, level.backlog);
      if (refusal === undefined && wait > 0) {
        refusal = { limit: 'tokens_per_day', value: tokens, retryAfterMs: wait };
      }
    }
    if (refusal !== undefined) return { admitted: false, standing, ...refusal };
    if (requestsBucket !== undefined) {
      counters.requestsDrainAt = pour(requestsBucket, counters.requestsDrainAt, now, 1);
      standing.requests = {
        limit: requestsBucket.limit,
        ...after(bucketLevel(requestsBucket, counters.requestsDrainAt, now)),
      };
    }
    if (concurrent === undefined) return { admitted: true, standing, lease: undefined };
    counters.running += 1;
    return { admitted: true, standing, lease: MEMORY_LEASE };
  }

  settle(principal: string, limits: KeyLimits, { tokens, lease }: Settlement, now: number): void {
    const counters = this.#counters(principal);
    if (limits.tokensPerDay !== undefined && tokens > 0) {
      const bucket = { limit: limits.tokensPerDay, window: DAY };
      counters.tokensDrainAt = pour(bucket, counters.tokensDrainAt, now, tokens);
    }
    if (lease !== undefined && counters.running > 0) counters.running -= 1;
  }

  #counters(principal: string): KeyCounters {
    let counters = this.#keys.get(principal);
    if (counters === undefined) {
      counters = { requestsDrainAt: 0, tokensDrainAt: 0, running: 0 };
      this.#keys.set(principal, counters);
    }
    return counters;
  }
}

function after(level: { backlog: number; remaining: number }) {
  return { remaining: level.remaining, resetMs: level.backlog };
}
