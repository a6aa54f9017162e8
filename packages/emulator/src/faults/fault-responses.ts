import type { TemplateId } from '@freechat/core';
import { type FixedResponse, jsonError, REPLY_CONTENT_TYPE } from '../http/send-response.js';
import {
  cloudflare520Page,
  cloudflareChallengePage,
  cloudflareHeaders,
} from './cloudflare-pages.js';
import { parkedDomainPage } from './parked-domain-page.js';
import type { FaultStep } from './scenario-step.js';

/** The faults answered with one complete HTTP response (`quota` only in its status forms). */
export type FixedFaultKind =
  | 'quota'
  | 'rate-limit'
  | 'server-error'
  | 'bad-gateway'
  | 'service-unavailable'
  | 'gateway-timeout'
  | 'cloudflare'
  | 'cloudflare-520'
  | 'cloudflare-200'
  | 'html-page'
  | 'invalid-signature'
  | 'model-quota'
  | 'fetch-failed'
  | 'invalid-api-key';

/**
 * The message of Gemini's spent quota as GeminiProChat relays it: the SDK's
 * `Error fetching from <url>: [429 Too Many Requests] …`, with the URL (and its colon) removed by the
 * template.
 */
export const GEMINI_QUOTA_MESSAGE =
  "[GoogleGenerativeAI Error]: Error fetching from  [429 Too Many Requests] Quota exceeded for quota metric 'Generate Content API requests per minute' and limit 'GenerateContent request limit per minute for a region' of service 'generativelanguage.googleapis.com'.";

/** The body of an OpenAI-style model API's 429 for a spent quota, which chatgpt-demo passes through. */
export const MODEL_API_QUOTA_BODY = JSON.stringify({
  error: {
    message: 'You exceeded your current quota, please check your plan and billing details.',
    type: 'insufficient_quota',
    param: null,
    code: 'insufficient_quota',
  },
});

/**
 * The message of Gemini's refusal of the deployment's API key as GeminiProChat relays it: the SDK's
 * `Error fetching from <url>: [400 Bad Request] …`, with the URL (and its colon) removed by the template.
 */
export const GEMINI_INVALID_KEY_MESSAGE =
  '[GoogleGenerativeAI Error]: Error fetching from  [400 Bad Request] API key not valid. Please pass a valid API key. [{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]';

/** The body of an OpenAI-style model API's 401 for a key it does not know, which chatgpt-demo passes through. */
export const MODEL_API_INVALID_KEY_BODY = JSON.stringify({
  error: {
    message:
      'Incorrect API key provided: sk-emula**************ated. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
});

/** chatgpt-demo's answer when its call to the model API fails: its own JSON, passed on untyped. */
const CHATGPT_DEMO_FETCH_FAILED = JSON.stringify({
  error: { code: 'TypeError', message: 'fetch failed' },
});

function textError(status: number, body: string): FixedResponse {
  return { status, headers: { 'content-type': REPLY_CONTENT_TYPE }, body };
}

/** A body passed through from the model API, with no content type (chatgpt-demo). */
function passedThrough(status: number, body: string): FixedResponse {
  return { status, headers: {}, body };
}

/**
 * The response of a fault answered with one complete HTTP response, in the template's form, with the
 * step's `Retry-After` / `retry-after-ms` (a `rate-limit` sends `Retry-After: 1` when the step sets
 * neither). `quota` here is GeminiProChat's 500, whatever the template (a deployment answering its
 * template's way plays `model-quota`).
 */
export function fixedFaultResponse(
  fault: FixedFaultKind,
  step: FaultStep,
  requestId: number,
  template: TemplateId,
): FixedResponse {
  const response = baseResponse(fault, requestId, template);
  const useDefault = fault === 'rate-limit' && step.retryAfterMs === undefined;
  const retryAfter = step.retryAfter ?? (useDefault ? 1 : undefined);
  if (retryAfter !== undefined) response.headers['retry-after'] = String(retryAfter);
  if (step.retryAfterMs !== undefined)
    response.headers['retry-after-ms'] = String(step.retryAfterMs);
  return response;
}

function baseResponse(
  fault: FixedFaultKind,
  requestId: number,
  template: TemplateId,
): FixedResponse {
  const gemini = template === 'gemini-pro-chat';
  switch (fault) {
    case 'quota':
      return jsonError(500, { code: 'Error', message: GEMINI_QUOTA_MESSAGE });
    case 'model-quota':
      return gemini
        ? jsonError(500, { code: 'Error', message: GEMINI_QUOTA_MESSAGE })
        : passedThrough(429, MODEL_API_QUOTA_BODY);
    case 'fetch-failed':
      return gemini
        ? jsonError(500, {
            code: 'Error',
            message: '[GoogleGenerativeAI Error]: Error fetching from  fetch failed',
          })
        : passedThrough(500, CHATGPT_DEMO_FETCH_FAILED);
    case 'invalid-api-key':
      return gemini
        ? jsonError(500, { code: 'Error', message: GEMINI_INVALID_KEY_MESSAGE })
        : passedThrough(401, MODEL_API_INVALID_KEY_BODY);
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
    case 'cloudflare-200':
      return {
        status: 200,
        headers: { ...cloudflareHeaders(requestId), 'cf-mitigated': 'challenge' },
        body: cloudflareChallengePage(),
      };
    case 'html-page':
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: parkedDomainPage(),
      };
    case 'invalid-signature':
      return jsonError(401, { message: 'Invalid signature.' });
    default: {
      const unknown: never = fault;
      throw new TypeError(`No fixed response for the fault ${String(unknown)}.`);
    }
  }
}
