import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError, type ResponseStatusErrorOptions } from './response-status-error.js';

const marker = Symbol.for('freechat.error.MissingAuthError');

/**
 * HTTP 401: the site rejected the request's signature or credentials. Usually the site changed its
 * secret or its clock check; never retried.
 */
export class MissingAuthError extends ResponseStatusError {
  constructor(options: ResponseStatusErrorOptions) {
    super({ ...options, isRetryable: false });
    this.name = 'MissingAuthError';
    markAs(this, marker);
  }

  /** Whether `error` is a MissingAuthError, from any copy of core. */
  static override isInstance(error: unknown): error is MissingAuthError {
    return ProviderError.hasMarker(error, marker);
  }
}
