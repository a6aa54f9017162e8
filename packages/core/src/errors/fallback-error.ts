import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.FallbackError');

/** One failed attempt of a fallback chain: a record, not an error. */
export interface FallbackAttempt {
  /** The id of the provider that was tried. */
  provider: string;
  /** Why it failed. */
  error: unknown;
}

/** What a FallbackError is constructed from. */
export interface FallbackErrorOptions {
  /** The chain's id (`fallback`). */
  provider: string;
  /** Each attempt, in the order they were tried. */
  attempts: readonly FallbackAttempt[];
}

/**
 * Every provider of a fallback chain failed before producing text. `attempts` holds each attempt in
 * order; the message has one line per provider. It made no request of its own, so it has no `url` or
 * `status`: read them on the attempts.
 */
export class FallbackError extends ProviderError {
  /** Each attempt, in the order they were tried. */
  readonly attempts: readonly FallbackAttempt[];
  constructor({ provider, attempts }: FallbackErrorOptions) {
    super({
      provider,
      reason: `all ${attempts.length} providers failed`,
      details: attempts.map(({ provider: id, error }) => `  ${id}: ${describe(error)}`),
      isRetryable: attempts.some(
        ({ error }) => ProviderError.isInstance(error) && error.isRetryable,
      ),
    });
    this.name = 'FallbackError';
    markAs(this, marker);
    this.attempts = attempts;
  }

  /** Whether `error` is a FallbackError, from any copy of core. */
  static override isInstance(error: unknown): error is FallbackError {
    return ProviderError.hasMarker(error, marker);
  }
}

function describe(error: unknown): string {
  if (ProviderError.isInstance(error)) return `${error.name}: ${error.summary}`;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n', 1)[0] ?? '';
}
