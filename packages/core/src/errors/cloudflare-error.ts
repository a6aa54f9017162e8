import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError, type ResponseStatusErrorOptions } from './response-status-error.js';

const marker = Symbol.for('freechat.error.CloudflareError');

/**
 * Cloudflare answered instead of the site: a challenge page (403 or 503, or a 2xx typed HTML) that a
 * plain HTTP client cannot pass, or 520 (unknown error). Only the 5xx forms are retryable; another
 * mirror is tried for any of them.
 */
export class CloudflareError extends ResponseStatusError {
  constructor(options: ResponseStatusErrorOptions) {
    super({ ...options, isRetryable: options.status >= 500 });
    this.name = 'CloudflareError';
    markAs(this, marker);
  }

  /** Whether `error` is a CloudflareError, from any copy of core. */
  static override isInstance(error: unknown): error is CloudflareError {
    return ProviderError.hasMarker(error, marker);
  }
}
