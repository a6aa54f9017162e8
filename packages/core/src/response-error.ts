import { summarizeBody } from './body-summary.js';
import { isCloudflareResponse } from './cloudflare-page.js';
import { AuthRejectedError } from './errors/auth-rejected-error.js';
import { CloudflareError } from './errors/cloudflare-error.js';
import { RateLimitError } from './errors/rate-limit-error.js';
import {
  ResponseStatusError,
  type ResponseStatusErrorOptions,
} from './errors/response-status-error.js';
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
 * Turns a failed response into the error a caller handles: the site's spent-quota signs or 429 →
 * RateLimitError; a Cloudflare page or 520 → CloudflareError; 401 → AuthRejectedError saying which
 * credential was refused; anything else → ResponseStatusError. The message carries a one-line summary
 * of the body.
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
  const spent = rateLimit?.spentQuota?.some(
    (signal) => signal.status === status && body.includes(signal.bodyIncludes),
  );
  if (spent) {
    return new RateLimitError({ ...options, quotaExhausted: true, retryAfter: undefined });
  }
  if (status === 429) {
    return new RateLimitError({ ...options, quotaExhausted: false });
  }
  if (isCloudflareResponse(status, body)) return new CloudflareError(options);
  if (status === 401) return refusedCredentials(options);
  return new ResponseStatusError(options);
}

/** A 401, named for the credential the template's answer says it refused. */
function refusedCredentials(options: ResponseStatusErrorOptions): AuthRejectedError {
  const { detail } = options;
  if (detail === 'Invalid password.') {
    return new AuthRejectedError({
      ...options,
      credential: 'password',
      detail: `the site wants a password, or another one (the password setting): ${detail}`,
    });
  }
  if (detail === 'Invalid signature.') {
    return new AuthRejectedError({
      ...options,
      credential: 'signature',
      detail: `the site refused the signature: the secret setting does not match the site's: ${detail}`,
    });
  }
  return new AuthRejectedError({ ...options, credential: 'unknown' });
}
