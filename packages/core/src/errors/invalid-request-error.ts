import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.InvalidRequestError');

/** What an InvalidRequestError is constructed from. */
export interface InvalidRequestErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The field at fault, as a path (`messages[2].content`, `baseURL`, `timeout`). */
  field: string;
  /** What is wrong with it, without the field's name (it becomes part of `reason`). */
  message: string;
}

/**
 * Bad input: a request or a setting that can never succeed. Always thrown before any network traffic,
 * and never retried.
 */
export class InvalidRequestError extends ProviderError {
  /** The field at fault, as a path (`messages[2].content`, `baseURL`, `timeout`). */
  readonly field: string;
  /** What is wrong with the field, without its name (`expected …, got …`). */
  readonly detail: string;
  constructor({ provider, field, message }: InvalidRequestErrorOptions) {
    super({ provider, reason: `invalid ${field}: ${message}` });
    this.name = 'InvalidRequestError';
    markAs(this, marker);
    this.field = field;
    this.detail = message;
  }

  /** Whether `error` is an InvalidRequestError (or a ModelNotFoundError), from any copy of core. */
  static override isInstance(error: unknown): error is InvalidRequestError {
    return ProviderError.hasMarker(error, marker);
  }
}
