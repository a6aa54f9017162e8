import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError, type ResponseStatusErrorOptions } from './response-status-error.js';

const marker = Symbol.for('freechat.error.AuthRejectedError');

/**
 * Which credential the site refused: its site password (`Invalid password.`), the signature made with
 * the `secret` setting (`Invalid signature.`), or something else (a passed-through API's 401).
 */
export type RefusedCredential = 'password' | 'signature' | 'unknown';

/** What a AuthRejectedError is constructed from. */
export interface AuthRejectedErrorOptions extends ResponseStatusErrorOptions {
  /** Which credential the site refused. */
  credential: RefusedCredential;
}

/**
 * HTTP 401: the site refused the request's credentials. `credential` says which: `password` (the site
 * wants a password, or another one: the `password` setting), `signature` (the `secret` setting does
 * not match the site's), or `unknown`. Never retried.
 */
export class AuthRejectedError extends ResponseStatusError {
  /** Which credential the site refused. */
  readonly credential: RefusedCredential;
  constructor(options: AuthRejectedErrorOptions) {
    super({ ...options, isRetryable: false });
    this.name = 'AuthRejectedError';
    markAs(this, marker);
    this.credential = options.credential;
  }

  /** Whether `error` is a AuthRejectedError, from any copy of core. */
  static override isInstance(error: unknown): error is AuthRejectedError {
    return ProviderError.hasMarker(error, marker);
  }
}
