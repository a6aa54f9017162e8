import { ProviderError } from '@freechat/core';
import type { Cooldown } from './provider-cooldowns.js';

const marker = Symbol.for('freechat.error.CoolingDownError');

/**
 * A fallback chain skipped a provider without sending it anything: it is cooling down (rate limited,
 * quota spent, or failing) until `until`.
 */
export class CoolingDownError extends ProviderError {
  /** The cooldown that made the chain skip the provider. */
  readonly cooldown: Cooldown;
  /** Milliseconds left until the provider is tried again. */
  readonly retryAfter: number;

  constructor(cooldown: Cooldown, now: number) {
    super({
      provider: cooldown.provider,
      reason: `skipped: cooling down (${cooldown.reason}) until ${new Date(cooldown.until).toISOString()}`,
      isRetryable: true,
    });
    this.name = 'CoolingDownError';
    Object.defineProperty(this, marker, { value: true });
    this.cooldown = cooldown;
    this.retryAfter = Math.max(0, cooldown.until - now);
  }

  /** Whether `error` is a CoolingDownError, from any copy of this package. */
  static override isInstance(error: unknown): error is CoolingDownError {
    return ProviderError.hasMarker(error, marker);
  }
}
