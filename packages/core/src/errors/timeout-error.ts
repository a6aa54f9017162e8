import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.TimeoutError');

/**
 * Which wait ran out: `response` — the response never started within `timeout`; `idle` — the reply
 * went silent for `idleTimeout` between two chunks.
 */
export type TimeoutPhase = 'response' | 'idle';

/** What a TimeoutError is constructed from. */
export interface TimeoutErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The URL the request went to. */
  url: string;
  /** Which wait ran out. */
  phase: TimeoutPhase;
  /** The bound that was exceeded, in milliseconds. */
  timeout: number;
}

/** A wait ran out: see {@link TimeoutPhase}. Retryable before any text has reached the caller. */
export class TimeoutError extends ProviderError {
  /** Which wait ran out. */
  readonly phase: TimeoutPhase;
  /** The bound that was exceeded, in milliseconds. */
  readonly timeout: number;
  constructor({ provider, url, phase, timeout }: TimeoutErrorOptions) {
    super({
      provider,
      url,
      reason:
        phase === 'response'
          ? `the response did not start within ${timeout} ms (timeout)`
          : `the reply went silent for ${timeout} ms (idleTimeout)`,
      isRetryable: true,
    });
    this.name = 'TimeoutError';
    markAs(this, marker);
    this.phase = phase;
    this.timeout = timeout;
  }

  /** Whether `error` is a freechat TimeoutError, from any copy of core. */
  static override isInstance(error: unknown): error is TimeoutError {
    return ProviderError.hasMarker(error, marker);
  }
}
