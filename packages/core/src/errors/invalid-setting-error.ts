import { InvalidRequestError, type InvalidRequestErrorOptions } from './invalid-request-error.js';
import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.InvalidSettingError');

/** What an InvalidSettingError is constructed from. */
export interface InvalidSettingErrorOptions extends InvalidRequestErrorOptions {}

/**
 * A bad setting: an option of a provider factory, a fallback chain, the server or the emulator (its
 * owner is the error's `provider`). Thrown at creation, before any traffic, and never retried. A
 * subclass of InvalidRequestError, so code that handles bad input handles it too.
 */
export class InvalidSettingError extends InvalidRequestError {
  constructor(options: InvalidSettingErrorOptions) {
    super(options);
    this.name = 'InvalidSettingError';
    markAs(this, marker);
  }

  /** Whether `error` is an InvalidSettingError, from any copy of core. */
  static override isInstance(error: unknown): error is InvalidSettingError {
    return ProviderError.hasMarker(error, marker);
  }
}
