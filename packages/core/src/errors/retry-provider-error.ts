import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.RetryProviderError');

/** One failed attempt of a fallback chain. */
export interface ProviderAttemptError {
  /** The id of the provider that was tried. */
  provider: string;
  /** Why it failed. */
  error: unknown;
}

/**
 * Every provider of a fallback chain failed before producing text. `errors` holds each attempt's error
 * in order; the message has one line per provider.
 */
export class RetryProviderError extends ProviderError {
  /** Each attempt's error, in the order they were tried. */
  readonly errors: readonly ProviderAttemptError[];
  constructor({ provider, errors }: { provider: string; errors: readonly ProviderAttemptError[] }) {
    const lines = errors.map(({ provider: id, error }) => `  ${id}: ${describe(id, error)}`);
    super({
      provider,
      message: `all ${errors.length} providers failed:\n${lines.join('\n')}`,
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

function describe(provider: string, error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = text.split('\n', 1)[0] ?? '';
  return firstLine.replace(`[${provider}] `, '');
}
