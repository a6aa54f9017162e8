import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.RetryProviderError');

/** One failed attempt of a fallback chain: a record, not an error. */
export interface ProviderAttemptError {
  /** The id of the provider that was tried. */
  provider: string;
  /** Why it failed. */
  error: unknown;
}

/** What a RetryProviderError is constructed from. */
export interface RetryProviderErrorOptions {
  /** The chain's id (`fallback`). */
  provider: string;
  /** Each attempt, in the order they were tried. */
  errors: readonly ProviderAttemptError[];
}

/**
 * Every provider of a fallback chain failed before producing text. `errors` holds each attempt in
 * order; the message has one line per provider. It made no request of its own, so it has no `url` or
 * `status`: read them on the attempts.
 */
export class RetryProviderError extends ProviderError {
  /** Each attempt, in the order they were tried. */
  readonly errors: readonly ProviderAttemptError[];
  constructor({ provider, errors }: RetryProviderErrorOptions) {
    super({
      provider,
      reason: `all ${errors.length} providers failed`,
      details: errors.map(({ provider: id, error }) => `  ${id}: ${describe(error)}`),
      isRetryable: errors.some(({ error }) => ProviderError.isInstance(error) && error.isRetryable),
    });
    this.name = 'RetryProviderError';
    markAs(this, marker);
    this.errors = errors;
  }

  /** Whether `error` is a RetryProviderError, from any copy of core. */
  static override isInstance(error: unknown): error is RetryProviderError {
    return ProviderError.hasMarker(error, marker);
  }
}

function describe(error: unknown): string {
  if (ProviderError.isInstance(error)) return `${error.name}: ${error.summary}`;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n', 1)[0] ?? '';
}
