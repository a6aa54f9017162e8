import {
  type ChatRequest,
  collectText,
  ModelFailedMidReplyError,
  type Provider,
  RateLimitError,
} from '@freechat/core';
import { CoolingDownError } from './cooling-down-error.js';
import { describeProvider } from './provider-info.js';

/**
 * Why a provider cools down: it answered 429 (`rate_limited`), its quota is spent
 * (`quota_exhausted`), or it failed `cooldownAfterFailures` times in a row (`failing`).
 */
export type CooldownReason = 'rate_limited' | 'quota_exhausted' | 'failing';

/** A provider's cooldown: fallback chains skip it until `until`. */
export interface Cooldown {
  /** The provider's id. */
  provider: string;
  /** Why it cools down. */
  reason: CooldownReason;
  /** Until when, in milliseconds since the epoch (the server's `clock`). */
  until: number;
  /** The message of the failure that started it. */
  error: string;
  /** Its failures in a row when it started. */
  failures: number;
}

/** Told when a cooldown starts and when one is over. */
export interface CooldownListener {
  started(cooldown: Cooldown): void;
  ended(cooldown: Cooldown): void;
}

/** How {@link ProviderCooldowns} decides. */
export interface CooldownPolicy {
  /**
   * Milliseconds a provider cools down after a 429 or a spent quota without `Retry-After`, and after
   * `afterFailures` failures in a row; `0` turns cooldowns off.
   */
  time: number;
  /** Failures in a row that start a cooldown; `0` turns this rule off. */
  afterFailures: number;
  /** Milliseconds since the epoch, now. */
  clock(): number;
}

/**
 * The longest cooldown a `Retry-After` can ask for: one hour (or `time`, if longer); also the longest
 * `Retry-After` the server sends.
 */
export const MAX_RETRY_AFTER_COOLDOWN = 60 * 60 * 1000;

/** A wait in milliseconds as a site gave it, or undefined when it is none: negative, NaN, infinite. */
export function usableWait(milliseconds: number | undefined): number | undefined {
  return milliseconds !== undefined && Number.isFinite(milliseconds) && milliseconds >= 0
    ? milliseconds
    : undefined;
}

/**
 * Whether a failure was read from the text of a reply rather than from the site's status or headers:
 * a spent quota told by a 200 reply's text (FreeGpt's), a model failure told by the text a reply ends
 * with. Whoever writes the prompt can make the model write that text, so it fails that one request
 * but says nothing of the provider, and never cools it down.
 */
export function isFromReplyText(error: unknown): boolean {
  return (
    (RateLimitError.isInstance(error) && error.fromReplyText) ||
    ModelFailedMidReplyError.isInstance(error)
  );
}

/**
 * Each provider's failures in a row and cooldown. A cooldown ends by itself once the clock passes
 * `until` (seen on the next look, no timer). A provider back from a cooldown for failures that fails
 * once more cools down again at once; a success clears both.
 */
export class ProviderCooldowns {
  readonly #policy: CooldownPolicy;
  readonly #listener: CooldownListener;
  readonly #failures = new Map<string, number>();
  readonly #cooldowns = new Map<string, Cooldown>();

  constructor(policy: CooldownPolicy, listener: CooldownListener) {
    this.#policy = policy;
    this.#listener = listener;
  }

  /** The provider's cooldown while it lasts, else undefined (ending an expired one). */
  get(id: string): Cooldown | undefined {
    const cooldown = this.#cooldowns.get(id);
    if (cooldown === undefined) return undefined;
    if (this.#policy.clock() < cooldown.until) return cooldown;
    this.#cooldowns.delete(id);
    this.#listener.ended(cooldown);
    return undefined;
  }

  /** Records text from the provider: its failures and any cooldown are over. */
  succeeded(id: string): void {
    this.#failures.delete(id);
    const cooldown = this.#cooldowns.get(id);
    if (cooldown === undefined) return;
    this.#cooldowns.delete(id);
    this.#listener.ended(cooldown);
  }

  /**
   * Records a failure of the provider (not an abort, not the caller's mistake). A failure read from
   * the reply's text ({@link isFromReplyText}) is not counted.
   */
  failed(id: string, error: unknown): void {
    if (isFromReplyText(error)) return;
    const failures = (this.#failures.get(id) ?? 0) + 1;
    this.#failures.set(id, failures);
    const { time, afterFailures, clock } = this.#policy;
    if (time === 0) return;
    let reason: CooldownReason;
    let duration = time;
    if (RateLimitError.isInstance(error)) {
      reason = error.quotaExhausted ? 'quota_exhausted' : 'rate_limited';
      const retryAfter = usableWait(error.retryAfter);
      if (retryAfter !== undefined) {
        duration = Math.min(retryAfter, Math.max(time, MAX_RETRY_AFTER_COOLDOWN));
      }
    } else if (afterFailures > 0 && failures >= afterFailures) {
      reason = 'failing';
    } else {
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const cooldown: Cooldown = {
      provider: id,
      reason,
      until: clock() + duration,
      error: message,
      failures,
    };
    this.#cooldowns.set(id, cooldown);
    this.#listener.started(cooldown);
  }

  /**
   * A provider that behaves like `provider` except while it cools down: then it fails at once with a
   * CoolingDownError, sending nothing, so that a fallback chain moves on to the next provider.
   */
  skipping(provider: Provider): Provider {
    const stream = (request: ChatRequest): AsyncGenerator<string, void, undefined> => {
      const cooldown = this.get(provider.id);
      if (cooldown === undefined) return provider.stream(request);
      return refusal(new CoolingDownError(cooldown, this.#policy.clock()));
    };
    return {
      ...describeProvider(provider),
      stream,
      complete: (request) => collectText(stream(request)),
      close: () => provider.close(),
    };
  }

  /**
   * Takes on a cooldown that another replica started, unless one that ends later is in force; the
   * listener is not told (the replica that started it was). Returns whether it was taken.
   */
  adopt(cooldown: Cooldown): boolean {
    const current = this.get(cooldown.provider);
    if (this.#policy.clock() >= cooldown.until || (current?.until ?? 0) >= cooldown.until) {
      return false;
    }
    this.#cooldowns.set(cooldown.provider, cooldown);
    return true;
  }

  /**
   * Records the provider's failures in a row counted across the replicas: reaching `afterFailures`
   * cools it down (`failing`) unless it cools down already.
   */
  failedAcrossReplicas(id: string, failures: number, error: unknown): void {
    const { time, afterFailures, clock } = this.#policy;
    if (time === 0 || afterFailures === 0 || failures < afterFailures) return;
    if (this.get(id) !== undefined) return;
    const cooldown: Cooldown = {
      provider: id,
      reason: 'failing',
      until: clock() + time,
      error: error instanceof Error ? error.message : String(error),
      failures,
    };
    this.#cooldowns.set(id, cooldown);
    this.#listener.started(cooldown);
  }

  /** The cooldowns in force now. */
  active(): Cooldown[] {
    return [...this.#cooldowns.keys()].flatMap((id) => this.get(id) ?? []);
  }
}

/** A stream that fails with `error` on its first read, having sent nothing. */
function refusal(error: Error): AsyncGenerator<string, void, undefined> {
  let failed = false;
  const stream: AsyncGenerator<string, void, undefined> = {
    async next() {
      if (failed) return { done: true, value: undefined };
      failed = true;
      throw error;
    },
    return: async () => ({ done: true, value: undefined }),
    throw: async (reason) => {
      throw reason;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
