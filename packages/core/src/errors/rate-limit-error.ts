import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError, type ResponseStatusErrorOptions } from './response-status-error.js';

const marker = Symbol.for('freechat.error.RateLimitError');

/** What a RateLimitError is constructed from. */
export interface RateLimitErrorOptions extends ResponseStatusErrorOptions {
  /** True when the site's quota is spent (it will not come back soon): never retried. */
  quotaExhausted: boolean;
  /**
   * True when the quota was read from a 200 reply's text (FreeGpt's quota reply) rather than from an
   * error response; default false.
   */
  fromReplyText?: boolean;
}

/**
 * The site refused for a rate limit: HTTP 429, or the site's own sign of a spent quota (Free2GPT's and
 * AIChatFree's `Quota exceeded`, FreeGpt's reply text). A 429 is retried after `retryAfter`; a spent
 * quota is not, but a fallback chain or a list of mirrors moves on.
 */
export class RateLimitError extends ResponseStatusError {
  /** True when the site's quota is spent rather than a short-term limit hit. */
  readonly quotaExhausted: boolean;
  /**
   * True when the spent quota was read from the text of a 200 reply (a reply that is, whole, the site's
   * quota text: FreeGpt's `当前地区当日额度已消耗完`), false when an error response said so (a 429, or
   * a 500 or 429 whose body names the quota). Reply text is what the model wrote as much as what the
   * site did: a gateway that shares one provider among many callers should not cool it down for it.
   */
  readonly fromReplyText: boolean;
  constructor(options: RateLimitErrorOptions) {
    super({ ...options, isRetryable: !options.quotaExhausted });
    this.name = 'RateLimitError';
    markAs(this, marker);
    this.quotaExhausted = options.quotaExhausted;
    this.fromReplyText = options.fromReplyText ?? false;
  }

  /** Whether `error` is a RateLimitError, from any copy of core. */
  static override isInstance(error: unknown): error is RateLimitError {
    return ProviderError.hasMarker(error, marker);
  }
}
