import {
  cloudflare520Page,
  cloudflareChallengePage,
  cloudflareHeaders,
} from './cloudflare-pages.js';
import type { FaultKind, FaultStep } from './scenario-step.js';
import { ERROR_CONTENT_TYPE, type FixedResponse, REPLY_CONTENT_TYPE } from './send-response.js';

/** The faults answered with one complete HTTP response (`quota`: the 500 saying `Quota exceeded`). */
export type FixedFaultKind = Exclude<
  FaultKind,
  | 'reset-before-headers'
  | 'reset-mid-reply'
  | 'stall-before-headers'
  | 'stall-mid-reply'
  | 'truncated'
  | 'invalid-utf8'
  | 'trickle'
>;

/** The message the Free2GPT and AIChatFree deployments relayed when Google's quota was used up. */
const QUOTA_MESSAGE =
  "[GoogleGenerativeAI Error]: Error fetching from the model: [429 Too Many Requests] Quota exceeded for quota metric 'Generate Content API requests per minute' (emulated).";

/** A JSON error body sent as the sites send theirs: `text/plain;charset=UTF-8`. */
function jsonError(status: number, error: Record<string, string>): FixedResponse {
  return {
    status,
    headers: { 'content-type': ERROR_CONTENT_TYPE },
    body: JSON.stringify({ error }),
  };
}

function textError(status: number, body: string): FixedResponse {
  return { status, headers: { 'content-type': REPLY_CONTENT_TYPE }, body };
}

/**
 * The response of a fault answered with one complete HTTP response, with the step's `Retry-After` /
 * `retry-after-ms` (a `rate-limit` sends `Retry-After: 1` when the step sets neither).
 */
export function fixedFaultResponse(
  fault: FixedFaultKind,
  step: FaultStep,
  requestId: number,
): FixedResponse {
  const response = baseResponse(fault, requestId);
  const useDefault = fault === 'rate-limit' && step.retryAfterMs === undefined;
  const retryAfter = step.retryAfter ?? (useDefault ? 1 : undefined);
  if (retryAfter !== undefined) response.headers['retry-after'] = String(retryAfter);
  if (step.retryAfterMs !== undefined)
    response.headers['retry-after-ms'] = String(step.retryAfterMs);
  return response;
}

function baseResponse(fault: FixedFaultKind, requestId: number): FixedResponse {
  switch (fault) {
    case 'quota':
      return jsonError(500, { code: 'GoogleGenerativeAIFetchError', message: QUOTA_MESSAGE });
    case 'rate-limit':
      return jsonError(429, { code: 'RateLimited', message: 'Too many requests.' });
    case 'server-error':
      return jsonError(500, { code: 'GoogleGenerativeAIError' });
    case 'bad-gateway':
      return textError(502, '502 Bad Gateway');
    case 'service-unavailable':
      return textError(503, '503 Service Unavailable');
    case 'gateway-timeout':
      return textError(504, '504 Gateway Timeout');
    case 'cloudflare':
      return {
        status: 403,
        headers: { ...cloudflareHeaders(requestId), 'cf-mitigated': 'challenge' },
        body: cloudflareChallengePage(),
      };
    case 'cloudflare-520':
      return { status: 520, headers: cloudflareHeaders(requestId), body: cloudflare520Page() };
    case 'invalid-signature':
      return jsonError(401, { message: 'Invalid signature.' });
    default: {
      const unknown: never = fault;
      throw new TypeError(`No fixed response for the fault ${String(unknown)}.`);
    }
  }
}
