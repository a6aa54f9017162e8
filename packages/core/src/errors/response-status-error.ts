import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ResponseStatusError');

/** At most this many characters of a response body are kept on an error. */
export const MAX_ERROR_BODY_LENGTH = 1024;

/** What a ResponseStatusError (and its kinds) is constructed from. */
export interface ResponseStatusErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The URL the request went to. */
  url: string;
  /** The HTTP status code. */
  status: number;
  /** The response headers, lowercased names. */
  headers: Readonly<Record<string, string>>;
  /** The response body as text; cut to {@link MAX_ERROR_BODY_LENGTH} characters. */
  body: string;
  /** A one-line summary of what the body says. */
  detail: string;
  /** Whether sending the request again may help; by default for 408, 409, 429 and 5xx. */
  isRetryable?: boolean;
  /** How long the site asked to wait before trying again (`Retry-After`), in milliseconds. */
  retryAfter?: number | undefined;
}

/** The site answered, but not with a reply: a status or a body that says it failed. */
export class ResponseStatusError extends ProviderError {
  /** The URL the request went to (always set: a response came). */
  override readonly url: string;
  /** The HTTP status code (always set: a response came). */
  override readonly status: number;
  /** The response headers, lowercased names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The start of the response body (at most 1 KiB). */
  readonly body: string;
  /**
   * How long the site asked to wait before trying again, in milliseconds (`retry-after-ms` or
   * `Retry-After`), when it said; honoured by the retries of any retryable status.
   */
  readonly retryAfter: number | undefined;
  constructor(options: ResponseStatusErrorOptions) {
    const { provider, url, status, headers, body, detail } = options;
    super({
      provider,
      url,
      status,
      reason: detail,
      isRetryable: options.isRetryable ?? isRetryableStatus(status),
    });
    this.name = 'ResponseStatusError';
    markAs(this, marker);
    // Narrowed copies of the base's fields: class fields are redefined after super().
    this.url = url;
    this.status = status;
    this.headers = headers;
    this.body = body.length > MAX_ERROR_BODY_LENGTH ? body.slice(0, MAX_ERROR_BODY_LENGTH) : body;
    this.retryAfter = options.retryAfter;
  }

  /** Whether `error` is a ResponseStatusError (or one of its kinds), from any copy of core. */
  static override isInstance(error: unknown): error is ResponseStatusError {
    return ProviderError.hasMarker(error, marker);
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
