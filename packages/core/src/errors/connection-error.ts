import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ConnectionError');

/**
 * The connection failed: it could not be opened, it was reset, or the reply was cut short. Retryable
 * before any text has reached the caller.
 */
export class ConnectionError extends ProviderError {
  /** The URL the request went to. */
  readonly url: string;
  constructor({ provider, url, cause }: { provider: string; url: string; cause: unknown }) {
    super({
      provider,
      message: `connection to POST ${url} failed: ${describeCause(cause)}`,
      isRetryable: true,
      cause,
    });
    this.name = 'ConnectionError';
    markAs(this, marker);
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
