import type { FastifyReply, FastifyRequest } from 'fastify';
import { KeyLimitRefusal, type RateLimitShape } from './key-limit-refusal.js';
import type { KeyMetrics } from './key-metrics.js';
import { type Principal, principalOf } from './principal.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { LimitStore } from './server-state.js';

/** Counts what an admitted request spent, once its reply is over. */
export interface UsageMeter {
  /**
   * Counts the reply's estimated tokens (prompt and reply) against its key and gives its concurrent
   * slot back: called once, when the response is over.
   */
  spend(tokens: number): void;
}

/**
 * The per-key limits, for any route: {@link KeyLimiter.admit} admits a request or throws the route's
 * own 429. Limits hold across every replica sharing the state (in memory: this process).
 */
export class KeyLimiter {
  readonly #store: LimitStore;
  readonly #metrics: KeyMetrics;
  readonly #clock: () => number;
  /** The meters of keys without limits: nothing to count but the metrics, one object per key. */
  readonly #unlimited = new Map<Principal, UsageMeter>();

  constructor(store: LimitStore, metrics: KeyMetrics, clock: () => number) {
    this.#store = store;
    this.#metrics = metrics;
    this.#clock = clock;
  }

  /**
   * Admits the request under its key's limits: sets OpenAI's `x-ratelimit-*` headers on the reply,
   * holds a concurrent slot until the reply spends its tokens or the response is over (or its client
   * gone), and returns the meter to count its tokens with. A request over a limit is counted in none of them.
   *
   * @throws what `shape` makes of the refusal (for OpenAI's routes, `openAIRateLimitError`).
   */
  async admit(
    request: FastifyRequest,
    reply: FastifyReply,
    shape: RateLimitShape,
  ): Promise<UsageMeter> {
    const principal = principalOf(request);
    const limits = principal.limits;
    const usage = this.#metrics.usage(principal.name);
    if (limits === undefined) {
      usage.requests.value += 1;
      let meter = this.#unlimited.get(principal);
      if (meter === undefined) {
        meter = {
          spend: (tokens) => {
            usage.tokens.value += tokens;
          },
        };
        this.#unlimited.set(principal, meter);
      }
      return meter;
    }
    const store = this.#store;
    const answer = store.admit(principal.id, limits, this.#clock());
    // In memory the answer is there already: awaiting it would cost a promise and a turn.
    const admission = answer instanceof Promise ? await answer : answer;
    const headers = rateLimitHeaders(admission.standing);
    if (!admission.admitted) {
      this.#metrics.refused(principal.name, admission.limit);
      throw shape(
        new KeyLimitRefusal({
          keyName: principal.name,
          limit: admission.limit,
          value: admission.value,
          retryAfterMs: admission.retryAfterMs,
          rateLimitHeaders: headers,
        }),
      );
    }
    usage.requests.value += 1;
    reply.headers(headers);
    // The slot is given back with the reply's tokens when it spends them (one step, one round trip
    // to Redis), or on its own once the response is over without them (a failure, the client gone).
    let held = admission.lease;
    const settle = (tokens: number) => {
      const lease = held;
      held = undefined;
      if (lease === undefined && tokens <= 0) return;
      store.settle(principal.id, limits, { tokens, lease }, this.#clock());
    };
    if (held !== undefined) {
      if (reply.raw.destroyed || reply.raw.writableFinished) settle(0);
      // `on`, not `once` (which adds a wrapper a request): a response closes once, and a slot given
      // back is not given back again.
      else reply.raw.on('close', () => settle(0));
    }
    return {
      spend: (tokens) => {
        usage.tokens.value += tokens;
        settle(tokens);
      },
    };
  }
}
