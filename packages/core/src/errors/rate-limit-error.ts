import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError, type ResponseStatusErrorOptions } from './response-status-error.js';

const marker = Symbol.for('freechat.error.RateLimitError');

/** What a RateLimitError is constructed from. */
export interface RateLimitErrorOptions extends ResponseStatusErrorOptions {
  /** True when the site's quota is spent (it will not come back soon): never retried. */
  quotaExhausted: boolean;
  /** Where the sign came from (default `status`). */
  source?: RateLimitSource;
}

/**
 * Where a rate limit was read: the response's status, headers and error body (`status`), or the text
 * of a 200 reply (`reply-text`, FreeGpt's quota text), which whoever writes the prompt can also make
 * the model write.
 */
export type RateLimitSource = 'status' | 'reply-text';

/**
 * The site refused for a rate limit: HTTP 429, or the site's own sign of a spent quota (Free2GPT's and
 * AIChatFree's `Quota exceeded`, FreeGpt's reply text). A 429 is retried after `retryAfter`; a spent
 * quota is not, but a fallback chain or a list of mirrors moves on.
 */
export class RateLimitError extends ResponseStatusError {
  /** True when the site's quota is spent rather than a short-term limit hit. */
  readonly quotaExhausted: boolean;
  /** Where the sign came from: the response's status (`status`) or a 200 reply's text (`reply-text`). */
  readonly source: RateLimitSource;
  constructor(options: RateLimitErrorOptions) {
    super({ ...options, isRetryable: !options.quotaExhausted });
    this.name = 'RateLimitError';
    markAs(this, marker);
    this.quotaExhausted = options.quotaExhausted;
    this.source = options.source ?? 'status';
  }

  /** Whether `error` is a RateLimitError, from any copy of core. */
  static override isInstance(error: unknown): error is RateLimitError {
    return ProviderError.hasMarker(error, marker);
  }
}
