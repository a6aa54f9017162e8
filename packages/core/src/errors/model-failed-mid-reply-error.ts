import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError } from './response-status-error.js';

const marker = Symbol.for('freechat.error.ModelFailedMidReplyError');

/** What a ModelFailedMidReplyError is constructed from. */
export interface ModelFailedMidReplyErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The URL the request went to. */
  url: string;
  /** The text the site ended its reply with (`Internal server error`). */
  tail: string;
}

/**
 * The site's model failed mid-reply: a Node deployment of either template then ends its 200 reply
 * with the text `Internal server error`. The text before it has reached the caller; the marker never
 * does. Retryable (the same question may succeed), but never retried once text was delivered.
 */
export class ModelFailedMidReplyError extends ResponseStatusError {
  constructor({ provider, url, tail }: ModelFailedMidReplyErrorOptions) {
    super({
      provider,
      url,
      status: 200,
      headers: {},
      body: tail,
      detail: `the site's model failed mid-reply (its reply ended with "${tail}")`,
      isRetryable: true,
    });
    this.name = 'ModelFailedMidReplyError';
    markAs(this, marker);
  }

  /** Whether `error` is a ModelFailedMidReplyError, from any copy of core. */
  static override isInstance(error: unknown): error is ModelFailedMidReplyError {
    return ProviderError.hasMarker(error, marker);
  }
}
