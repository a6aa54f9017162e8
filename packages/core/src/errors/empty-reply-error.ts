import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError } from './response-status-error.js';

const marker = Symbol.for('freechat.error.EmptyReplyError');

/** What an EmptyReplyError is constructed from. */
export interface EmptyReplyErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The URL the request went to. */
  url: string;
  /** The 2xx status the reply came with. */
  status: number;
  /** The reply's headers, lowercased names. */
  headers: Readonly<Record<string, string>>;
}

/**
 * The site answered with success but without a word: a 2xx reply that ended empty (both templates
 * send one when their model returns nothing, after a content filter or an empty completion). Not an
 * answer. Retryable: another mirror, or the same question again, may get text.
 */
export class EmptyReplyError extends ResponseStatusError {
  constructor({ provider, url, status, headers }: EmptyReplyErrorOptions) {
    super({
      provider,
      url,
      status,
      headers,
      body: '',
      detail: "the site's reply was empty (its model returned no text)",
      isRetryable: true,
    });
    this.name = 'EmptyReplyError';
    markAs(this, marker);
  }

  /** Whether `error` is an EmptyReplyError, from any copy of core. */
  static override isInstance(error: unknown): error is EmptyReplyError {
    return ProviderError.hasMarker(error, marker);
  }
}
