import { HttpError } from '../http/http-error.js';
import type { KeyLimitRefusal } from './key-limit-refusal.js';

/**
 * OpenAI's answer to a request over its key's limits: a 429 `{"error": {"type": "requests" |
 * "tokens", "code": "rate_limit_exceeded", …}}` with `Retry-After` and the `x-ratelimit-*` headers.
 */
export function openAIRateLimitError(refusal: KeyLimitRefusal): HttpError {
  return new HttpError({
    status: 429,
    type: refusal.kind,
    code: 'rate_limit_exceeded',
    message: refusal.message,
    headers: refusal.headers,
  });
}
