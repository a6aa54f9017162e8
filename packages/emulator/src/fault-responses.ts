import {
  cloudflare520Page,
  cloudflareChallengePage,
  cloudflareHeaders,
} from './cloudflare-pages.js';
import type { FaultKind, FaultStep } from './scenario-step.js';

/** A complete, non-streamed response. */
export interface FixedResponse {
  /** The HTTP status. */
  status: number;
  /** The response headers, names lowercased. */
  headers: Record<string, string>;
  /** The body, sent whole with a `content-length`. */
  body: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const TEXT_TYPE = { 'content-type': 'text/plain; charset=utf-8' };

/** The message the Free2GPT and AIChatFree deployments relayed when Google's quota was used up. */
const QUOTA_MESSAGE =
  "[GoogleGenerativeAI Error]: Error fetching from the model: [429 Too Many Requests] Quota exceeded for quota metric 'Generate Content API requests per minute' (emulated).";

function jsonError(status: number, error: Record<string, string>): FixedResponse {
  return { status, headers: { ...JSON_TYPE }, body: JSON.stringify({ error }) };
}

/**
 * The response of a fault answered with one complete HTTP response (every fault but the streamed and
 * connection-level ones, and FreeGpt's 200 quota text), with its `Retry-After` / `retry-after-ms`.
 */
export function fixedFaultResponse(step: FaultStep, requestId: number): FixedResponse | undefined {
  const response = baseResponse(step.fault, requestId);
  if (response === undefined) return undefined;
  const useDefault = step.fault === 'rate-limit' && step.retryAfterMs === undefined;
  const retryAfter = step.retryAfter ?? (useDefault ? 1 : undefined);
  if (retryAfter !== undefined) response.headers['retry-after'] = String(retryAfter);
  if (step.retryAfterMs !== undefined)
    response.headers['retry-after-ms'] = String(step.retryAfterMs);
  return response;
}

function baseResponse(fault: FaultKind, requestId: number): FixedResponse | undefined {
  switch (fault) {
    case 'quota':
      return jsonError(500, { code: 'GoogleGenerativeAIFetchError', message: QUOTA_MESSAGE });
    case 'rate-limit':
      return jsonError(429, { code: 'RateLimited', message: 'Too many requests.' });
    case 'server-error':
      return jsonError(500, { code: 'GoogleGenerativeAIError' });
    case 'bad-gateway':
      return { status: 502, headers: { ...TEXT_TYPE }, body: '502 Bad Gateway' };
    case 'service-unavailable':
      return { status: 503, headers: { ...TEXT_TYPE }, body: '503 Service Unavailable' };
    case 'gateway-timeout':
      return { status: 504, headers: { ...TEXT_TYPE }, body: '504 Gateway Timeout' };
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
    default:
      return undefined;
  }
}
