const marker = Symbol.for('freechat.error');

/** @internal Marks an error with its class's marker, for the classes' `isInstance` checks. */
export function markAs(error: Error, classMarker: symbol): void {
  Object.defineProperty(error, classMarker, { value: true });
}

/** @internal Whether `error` carries a class's marker: the classes' `isInstance` checks. */
export function hasMarker(error: unknown, classMarker: symbol): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[classMarker] === true
  );
}

/** What every freechat error is constructed from. */
export interface ProviderErrorOptions {
  /** The id of the provider that failed (`free2gpt`, `freegpt`, …) or of a fallback chain (`fallback`). */
  provider: string;
  /** What happened, short and on one line, without the provider, the URL or the status. */
  reason: string;
  /** The URL the request went to, when one was made. */
  url?: string | undefined;
  /** The HTTP status code, when a response came. */
  status?: number | undefined;
  /** Lines that follow the summary in `message` (a fallback chain's attempts). */
  details?: readonly string[] | undefined;
  /** Whether the same request may succeed if sent again. */
  isRetryable?: boolean;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The base of every error a provider or a fallback chain throws (an aborted call rejects with the
 * standard `AbortError` instead; a bad setting is an `InvalidSettingError`, which is not one). It
 * carries facts — `provider`, `url`, `status`, `reason` — and its `message` is composed from them:
 * `[provider] HTTP 500 from POST https://…: reason`.
 *
 * Use the static `isInstance()` rather than `instanceof`: it also recognises errors thrown by another
 * copy of `@freechat/core` installed elsewhere in `node_modules`.
 */
export class ProviderError extends Error {
  /** The id of the provider that failed. */
  readonly provider: string;
  /** What happened, short and on one line, without the provider, the URL or the status. */
  readonly reason: string;
  /** The URL the request went to, when one was made. */
  readonly url: string | undefined;
  /** The HTTP status code, when a response came. */
  readonly status: number | undefined;
  /** The message's first line without the provider: what a CLI line or a fallback chain shows. */
  readonly summary: string;
  /** Whether the same request may succeed if sent again. */
  readonly isRetryable: boolean;
  /**
   * How many attempts the request made before it failed with this error, the failed one included: 1
   * when the first attempt failed for good, more after retries or other mirrors (this error is the
   * last attempt's). Set by a provider's request; 0 on an error that came from none (bad input, a
   * fallback chain, which lists its own attempts).
   */
  readonly attemptsMade: number = 0;
  constructor({
    provider,
    reason,
    url,
    status,
    details,
    isRetryable = false,
    cause,
  }: ProviderErrorOptions) {
    const summary = composeSummary({ url, status, reason });
    const message =
      details === undefined || details.length === 0
        ? `[${provider}] ${summary}`
        : `[${provider}] ${summary}:\n${details.join('\n')}`;
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProviderError';
    markAs(this, marker);
    this.provider = provider;
    this.reason = reason;
    this.url = url;
    this.status = status;
    this.summary = summary;
    this.isRetryable = isRetryable;
  }

  /** Whether `error` is a freechat error, from this or any other copy of `@freechat/core`. */
  static isInstance(error: unknown): error is ProviderError {
    return hasMarker(error, marker);
  }

  /** @internal Checks a class marker; used by every subclass's `isInstance`. */
  protected static hasMarker(error: unknown, classMarker: symbol): boolean {
    return hasMarker(error, classMarker);
  }
}

/** @internal Records on `error` how many attempts its request made (see `attemptsMade`). */
export function recordAttempts(error: ProviderError, count: number): void {
  (error as { attemptsMade: number }).attemptsMade = count;
}

/**
 * The one place an error's words are put together: `HTTP 500 from POST https://…: reason` when a
 * response came, `POST https://…: reason` when only a request was made, else the reason alone.
 */
export function composeSummary({
  url,
  status,
  reason,
}: {
  url?: string | undefined;
  status?: number | undefined;
  reason: string;
}): string {
  if (url === undefined) return reason;
  const request = status === undefined ? `POST ${url}` : `HTTP ${status} from POST ${url}`;
  return reason === '' ? request : `${request}: ${reason}`;
}
