import { summarizeBody } from './body-summary.js';
import { isCloudflareResponse } from './cloudflare-page.js';
import { CloudflareError } from './errors/cloudflare-error.js';
import { MissingAuthError } from './errors/missing-auth-error.js';
import { RateLimitError } from './errors/rate-limit-error.js';
import { ResponseStatusError } from './errors/response-status-error.js';
import type { RateLimitSignals } from './provider-definition.js';
import { parseRetryAfter } from './retry-after.js';

/** A response that is not a reply, as read from the wire. */
export interface FailedResponse {
  /** The provider's id. */
  provider: string;
  /** The request URL. */
  url: string;
  /** The HTTP status. */
  status: number;
  /** The response headers, lowercased names. */
  headers: Record<string, string>;
  /** The start of the response body. */
  body: string;
}

/**
 * Turns a failed response into the error a caller handles: the site's spent-quota sign or 429 →
 * RateLimitError; a Cloudflare page or 520 → CloudflareError; 401 → MissingAuthError; anything else →
 * ResponseStatusError. The message carries a one-line summary of the body.
 */
export function createResponseError(
  response: FailedResponse,
  rateLimit: RateLimitSignals | undefined,
): ResponseStatusError {
  const options = {
    ...response,
    detail: summarizeBody(response.body, response.headers['content-type']),
    retryAfter: parseRetryAfter(response.headers),
  };
  const { status, body } = response;
  if (
    rateLimit?.status === status &&
    rateLimit.bodyIncludes !== undefined &&
    body.includes(rateLimit.bodyIncludes)
  ) {
    return new RateLimitError({ ...options, quotaExhausted: true });
  }
  if (status === 429) {
    return new RateLimitError({ ...options, quotaExhausted: false });
  }
  if (isCloudflareResponse(status, body)) return new CloudflareError(options);
  if (status === 401) return new MissingAuthError(options);
  return new ResponseStatusError(options);
}
