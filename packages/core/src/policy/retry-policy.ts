import { CloudflareError } from '../errors/cloudflare-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { EmptyReplyError } from '../errors/empty-reply-error.js';
import { ProviderError } from '../errors/provider-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ResponseStatusError } from '../errors/response-status-error.js';
import { SiteMisconfiguredError } from '../errors/site-misconfigured-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UnexpectedReplyError } from '../errors/unexpected-reply-error.js';

/** The longest backoff between two retries, before jitter. */
const MAX_BACKOFF = 8_000;

const FAIL = { kind: 'fail' } as const;
const NEXT_MIRROR = { kind: 'next-mirror' } as const;

/**
 * What to do after an attempt failed: send the same request to the next mirror at once, send it
 * again from the first mirror after `delayMs`, or give up and throw the failure.
 */
export type RetryDecision =
  | { kind: 'next-mirror' }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'fail' };

/** Where a request stands when one of its attempts failed. */
export interface RetryState {
  /** Whether any text has reached the caller (then nothing is sent again). */
  delivered: boolean;
  /** Whether the caller aborted. */
  aborted: boolean;
  /** How many mirrors come after the one that failed. */
  mirrorsLeft: number;
  /** How many retries were already made. */
  retriesDone: number;
  /** The most retries allowed (the `maxRetries` setting). */
  maxRetries: number;
  /** The first backoff, in milliseconds (the `retryDelay` setting). */
  retryDelay: number;
  /** The longest `Retry-After` worth waiting for, in milliseconds (the `maxRetryAfter` setting). */
  maxRetryAfter: number;
  /** The jitter's source of numbers in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/**
 * The one retry decision of a provider's request, for a failed attempt:
 * - `fail` once text reached the caller, after an abort, for anything but a freechat error, for a
 *   failure that is not retryable when no mirror may help, when the retries are used up, and when
 *   the site asks to wait longer than `maxRetryAfter`;
 * - `next-mirror` when a mirror is left and the failure is the mirror's own: a connection error (not
 *   a proxy's refusal of the credentials: every mirror goes through the same proxy), a timeout, a
 *   5xx, a Cloudflare page, a rate limit of any kind (another mirror has its own quota), a
 *   misconfigured deployment, a page instead of a reply, or an empty reply;
 * - `retry` otherwise, after the site's `Retry-After` when it gave one (with any retried status), else
 *   `retryDelay` doubled per retry done (at most 8 s) with up to 25% jitter taken off.
 */
export function decideRetry(failure: unknown, state: RetryState): RetryDecision {
  if (state.delivered || state.aborted || !ProviderError.isInstance(failure)) return FAIL;
  if (state.mirrorsLeft > 0 && isMirrorFailure(failure)) return NEXT_MIRROR;
  if (!failure.isRetryable || state.retriesDone >= state.maxRetries) return FAIL;
  const retryAfter = ResponseStatusError.isInstance(failure) ? failure.retryAfter : undefined;
  if (retryAfter !== undefined) {
    return retryAfter <= state.maxRetryAfter ? { kind: 'retry', delayMs: retryAfter } : FAIL;
  }
  const backoff = Math.min(state.retryDelay * 2 ** state.retriesDone, MAX_BACKOFF);
  const random = state.random ?? Math.random;
  return { kind: 'retry', delayMs: Math.round(backoff * (1 - random() * 0.25)) };
}

/** Whether another mirror may succeed where this one failed, before any text. */
function isMirrorFailure(failure: ProviderError): boolean {
  return (
    (ConnectionError.isInstance(failure) && failure.isRetryable) ||
    TimeoutError.isInstance(failure) ||
    CloudflareError.isInstance(failure) ||
    RateLimitError.isInstance(failure) ||
    SiteMisconfiguredError.isInstance(failure) ||
    UnexpectedReplyError.isInstance(failure) ||
    EmptyReplyError.isInstance(failure) ||
    (ResponseStatusError.isInstance(failure) && failure.status >= 500)
  );
}
