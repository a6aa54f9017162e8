import { markAs, ProviderError } from './provider-error.js';
import { ResponseStatusError, type ResponseStatusErrorOptions } from './response-status-error.js';

const marker = Symbol.for('freechat.error.SiteMisconfiguredError');

/**
 * The site is deployed with a setting its model API refuses: GeminiProChat's 500 relaying Gemini's
 * `API key not valid`, or chatgpt-demo passing through the OpenAI API's 401 `invalid_api_key`. The
 * fault is the deployment's own and lasts until its owner fixes it, so it is never retried on the same
 * site; another mirror or provider may answer.
 */
export class SiteMisconfiguredError extends ResponseStatusError {
  constructor(options: ResponseStatusErrorOptions) {
    super({ ...options, isRetryable: false });
    this.name = 'SiteMisconfiguredError';
    markAs(this, marker);
  }

  /** Whether `error` is a SiteMisconfiguredError, from any copy of core. */
  static override isInstance(error: unknown): error is SiteMisconfiguredError {
    return ProviderError.hasMarker(error, marker);
  }
}
