import { CloudflareError } from './errors/cloudflare-error.js';
import { ConnectionError } from './errors/connection-error.js';
import type { ProviderError } from './errors/provider-error.js';
import { RateLimitError } from './errors/rate-limit-error.js';
import { ResponseStatusError } from './errors/response-status-error.js';
import { TimeoutError } from './errors/timeout-error.js';

/** The longest backoff between two retries, before jitter. */
const MAX_BACKOFF = 8_000;

/**
 * Whether a failure before the first text should move on to the next mirror: a connection error, a
 * timeout, a 5xx, a Cloudflare page or a rate limit (of any kind: another mirror has its own quota).
 * Not a proxy's rejection of the credentials: every mirror goes through the same proxy.
 */
export function shouldTryNextMirror(error: ProviderError): boolean {
  return (
    (ConnectionError.isInstance(error) && error.isRetryable) ||
    TimeoutError.isInstance(error) ||
    CloudflareError.isInstance(error) ||
    RateLimitError.isInstance(error) ||
    (ResponseStatusError.isInstance(error) && error.status >= 500)
  );
}

/**
 * How long to wait before retry number `retry` (1-based): the site's `Retry-After` when it gave one,
 * with any retried status (429, 503, …), else `baseDelay` doubled per retry (at most 8 s) with up to
 * 25% jitter taken off. Undefined when the site asks for longer than `maxRetryAfter`: such a wait is
 * not worth holding the caller for.
 */
export function retryDelay(
  error: ProviderError,
  retry: number,
  baseDelay: number,
  maxRetryAfter: number,
): number | undefined {
  const retryAfter = ResponseStatusError.isInstance(error) ? error.retryAfter : undefined;
  if (retryAfter !== undefined) return retryAfter <= maxRetryAfter ? retryAfter : undefined;
  const backoff = Math.min(baseDelay * 2 ** (retry - 1), MAX_BACKOFF);
  return Math.round(backoff * (1 - Math.random() * 0.25));
}
