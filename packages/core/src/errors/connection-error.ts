import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ConnectionError');

/** What a ConnectionError is constructed from. */
export interface ConnectionErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The URL the request went to. */
  url: string;
  /** The error of the socket, parser or proxy. */
  cause: unknown;
  /** What failed, when more is known than the cause says (the proxy, …). */
  detail?: string;
  /** Whether sending the request again may help (default true). */
  isRetryable?: boolean;
}

/**
 * The connection failed: it could not be opened, it was reset, or the reply was cut short. Retryable
 * before any text has reached the caller.
 */
export class ConnectionError extends ProviderError {
  /** The URL the request went to (always set: a request was made). */
  override readonly url: string;
  constructor({ provider, url, cause, detail, isRetryable = true }: ConnectionErrorOptions) {
    super({
      provider,
      url,
      reason: `connection failed: ${detail === undefined ? '' : `${detail}: `}${describeCause(cause)}`,
      isRetryable,
      cause,
    });
    this.name = 'ConnectionError';
    markAs(this, marker);
    // A narrowed copy of the base's field: class fields are redefined after super().
    this.url = url;
  }

  /** Whether `error` is a ConnectionError, from any copy of core. */
  static override isInstance(error: unknown): error is ConnectionError {
    return ProviderError.hasMarker(error, marker);
  }
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? `${cause.message} (${code})` : cause.message;
}
