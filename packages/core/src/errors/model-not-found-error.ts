import { InvalidRequestError } from './invalid-request-error.js';
import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ModelNotFoundError');

/** What a ModelNotFoundError is constructed from. */
export interface ModelNotFoundErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The model that was asked for. */
  model: string;
  /** The models the provider serves. */
  models: readonly string[];
}

/** The requested model is not one of the provider's `models`. Thrown before any network traffic. */
export class ModelNotFoundError extends InvalidRequestError {
  /** The model that was asked for. */
  readonly model: string;
  /** The models the provider serves. */
  readonly models: readonly string[];
  constructor({ provider, model, models }: ModelNotFoundErrorOptions) {
    super({
      provider,
      field: 'model',
      message: `"${model}" is not served; choose one of ${models.join(', ')}`,
    });
    this.name = 'ModelNotFoundError';
    markAs(this, marker);
    this.model = model;
    this.models = models;
  }

  /** Whether `error` is a ModelNotFoundError, from any copy of core. */
  static override isInstance(error: unknown): error is ModelNotFoundError {
    return ProviderError.hasMarker(error, marker);
  }
}
