/** Settings of {@link freechat}: how the adapter calls the provider. Every field is optional. */
export interface FreechatSettings {
  /**
   * Milliseconds until the response starts, for every call of these models; overrides the provider's
   * own `timeout` setting.
   */
  timeout?: number;
  /**
   * Milliseconds of silence allowed between two chunks of a reply; overrides the provider's own
   * `idleTimeout` setting.
   */
  idleTimeout?: number;
  /**
   * Whether `ai`'s own retries (its `maxRetries`, default 2) may act on freechat's errors (default
   * false).
   *
   * The provider already retries a failed request itself (its `maxRetries` and `retryDelay`
   * settings), honouring `Retry-After`, moving through its mirrors and never retrying a spent quota.
   * With `false`, every APICallError this adapter throws has `isRetryable: false`, so those are the
   * only retries. With `true`, errors that freechat calls retryable keep `isRetryable: true` and `ai`
   * repeats the whole call after its own delay: set the provider's `maxRetries: 0` then, or the
   * attempts multiply (3 × 3 with both defaults).
   */
  aiRetries?: boolean;
  /**
   * How many times the model is asked again, with what was wrong, after a reply whose tool calls
   * could not be used, or that called no tool though the tool choice requires one: 0 to 3 (default
   * 1). Core's `maxToolRetries`.
   */
  maxToolRetries?: number;
}
