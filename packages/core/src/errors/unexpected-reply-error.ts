import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError, type ResponseStatusErrorOptions } from './response-status-error.js';

const marker = Symbol.for('freechat.error.UnexpectedReplyError');

/**
 * The site answered with success but not with a reply: a 2xx HTML page (a parked domain, a front end,
 * a login page) where the templates answer plain text. The base URL does not lead to the site's API,
 * so the same request there gets the same page: never retried on it; another mirror may answer.
 * (A 2xx Cloudflare challenge page is a CloudflareError.)
 */
export class UnexpectedReplyError extends ResponseStatusError {
  constructor(options: ResponseStatusErrorOptions) {
    super({ ...options, isRetryable: false });
    this.name = 'UnexpectedReplyError';
    markAs(this, marker);
  }

  /** Whether `error` is an UnexpectedReplyError, from any copy of core. */
  static override isInstance(error: unknown): error is UnexpectedReplyError {
    return ProviderError.hasMarker(error, marker);
  }
}
