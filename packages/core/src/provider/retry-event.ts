import type { ProviderError } from '../errors/provider-error.js';

/**
 * What a request's `onRetry` hears when an attempt failed and another one follows: which attempt
 * comes next, how many the request may make at most, how long it waits first, and why.
 */
export interface RetryEvent {
  /** The id of the provider making the attempts (in a fallback chain, the member's id). */
  provider: string;
  /** The number of the attempt that follows, counting from 1: 2 after the first failure. */
  attempt: number;
  /**
   * The most attempts this request may make: its mirrors times `maxRetries + 1`. Fewer are made
   * when one succeeds or a failure is final.
   */
  of: number;
  /** Milliseconds waited before the next attempt: the backoff or `Retry-After`; 0 for the next mirror. */
  delayMs: number;
  /** Why the attempt before failed. */
  error: ProviderError;
}
