const marker = Symbol.for('freechat.error');

/** @internal Marks an error with its class's marker, for the classes' `isInstance` checks. */
export function markAs(error: Error, classMarker: symbol): void {
  Object.defineProperty(error, classMarker, { value: true });
}

/** What every freechat error is constructed from. */
export interface ProviderErrorOptions {
  /** The id of the provider that failed (`free2gpt`, `freegpt`, …, or `fallback`). */
  provider: string;
  /** What happened, without the provider prefix. */
  message: string;
  /** Whether the same request may succeed if sent again. */
  isRetryable?: boolean;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The base of every error freechat throws (an aborted call rejects with the standard `AbortError`
 * instead). Its message starts with the provider's id.
 *
 * Use the static `isInstance()` rather than `instanceof`: it also recognises errors thrown by another
 * copy of `@freechat/core` installed elsewhere in `node_modules`.
 */
export class ProviderError extends Error {
  /** The id of the provider that failed. */
  readonly provider: string;
  /** Whether the same request may succeed if sent again. */
  readonly isRetryable: boolean;
  constructor({ provider, message, isRetryable = false, cause }: ProviderErrorOptions) {
    super(`[${provider}] ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'ProviderError';
    markAs(this, marker);
    this.provider = provider;
    this.isRetryable = isRetryable;
  }

  /** Whether `error` is a freechat error, from this or any other copy of `@freechat/core`. */
  static isInstance(error: unknown): error is ProviderError {
    return ProviderError.hasMarker(error, marker);
  }

  /** @internal Checks a class marker; used by every subclass's `isInstance`. */
  protected static hasMarker(error: unknown, classMarker: symbol): boolean {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[classMarker] === true
    );
  }
}
