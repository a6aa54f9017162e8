import {
  FallbackError,
  InvalidRequestError,
  InvalidSettingError,
  ModelNotFoundError,
  ProviderError,
  RateLimitError,
  TimeoutError,
  ToolCallError,
} from '@freechat/core';
import { HttpError, invalidRequest, modelNotFound } from '../http/http-error.js';
import { CoolingDownError } from '../providers/cooling-down-error.js';
import { MAX_RETRY_AFTER_COOLDOWN, usableWait } from '../providers/provider-cooldowns.js';

/**
 * The response for a failed completion, by core's error classes:
 *
 * | error | status |
 * | --- | --- |
 * | InvalidSettingError (a provider's setting found wrong at request time) | 500 `server_misconfigured` |
 * | ModelNotFoundError | 404 `model_not_found` |
 * | InvalidRequestError | 400, `param` the field at fault |
 * | a fallback chain whose every provider cools down | 503 `providers_cooling_down`, `Retry-After` the soonest end |
 * | RateLimitError (or a fallback chain that met only rate limits) | 429, `Retry-After` when known (at most an hour) |
 * | TimeoutError (or a fallback chain that met only timeouts) | 504 |
 * | ToolCallError (the choice required a call; none came valid, even when asked again) | 502 `tool_call_failed` |
 * | any other ProviderError, FallbackError | 502 with the upstream error's message |
 * | anything else | 500, with a generic message (the error is logged, not sent) |
 */
export function upstreamHttpError(error: unknown): HttpError {
  if (InvalidSettingError.isInstance(error)) return misconfigured(error);
  if (ModelNotFoundError.isInstance(error)) return modelNotFound(error.model, error.message);
  if (InvalidRequestError.isInstance(error)) return invalidRequest(error.field, error.message);
  const attempts = FallbackError.isInstance(error)
    ? error.attempts.map((attempt) => attempt.error)
    : [error];
  // A chain's skipped providers say nothing of this request: the others decide its status.
  const causes = attempts.filter((cause) => !CoolingDownError.isInstance(cause));
  if (attempts.length > 0 && causes.length === 0) {
    return coolingDown(error as ProviderError, attempts as CoolingDownError[]);
  }
  if (causes.length > 0 && causes.every((cause) => RateLimitError.isInstance(cause))) {
    return rateLimited(error as ProviderError, causes as RateLimitError[]);
  }
  if (causes.length > 0 && causes.every((cause) => TimeoutError.isInstance(cause))) {
    return new HttpError({
      status: 504,
      type: 'timeout_error',
      code: 'upstream_timeout',
      message: (error as ProviderError).message,
    });
  }
  if (ToolCallError.isInstance(error)) {
    return new HttpError({
      status: 502,
      type: 'upstream_error',
      code: 'tool_call_failed',
      message: error.message,
    });
  }
  if (ProviderError.isInstance(error)) {
    return new HttpError({
      status: 502,
      type: 'upstream_error',
      code: 'upstream_error',
      message: error.message,
    });
  }
  return internalError();
}

/**
 * A 500 for the operator's own mistake: a provider's setting that is found wrong only when a request
 * is made (a clock that returns NaN). It names the setting, never its value.
 */
function misconfigured(error: InvalidSettingError): HttpError {
  return new HttpError({
    status: 500,
    type: 'server_error',
    code: 'server_misconfigured',
    message: `The server is misconfigured: ${error.owner}'s setting \`${error.field}\` is wrong; its log says more.`,
  });
}

/** A 500 that says nothing of the error itself (it is logged instead). */
export function internalError(): HttpError {
  return new HttpError({
    status: 500,
    type: 'server_error',
    code: 'internal_error',
    message: 'The server had an error while processing your request.',
  });
}

function coolingDown(error: ProviderError, causes: readonly CoolingDownError[]): HttpError {
  return new HttpError({
    status: 503,
    type: 'service_unavailable',
    code: 'providers_cooling_down',
    message: error.message,
    headers: retryAfterHeaders(causes.map((cause) => cause.retryAfter)),
  });
}

/**
 * `Retry-After` (seconds) and `retry-after-ms` for the shortest of `waits`, at most an hour; none when
 * no wait is usable (negative, NaN or infinite ones are not).
 */
function retryAfterHeaders(waits: readonly (number | undefined)[]): Record<string, string> {
  const usable = waits
    .map((wait) => usableWait(wait))
    .filter((wait): wait is number => wait !== undefined);
  if (usable.length === 0) return {};
  const wait = Math.min(...usable, MAX_RETRY_AFTER_COOLDOWN);
  return {
    'retry-after': String(Math.ceil(wait / 1000)),
    'retry-after-ms': String(Math.ceil(wait)),
  };
}

function rateLimited(error: ProviderError, causes: readonly RateLimitError[]): HttpError {
  const headers = retryAfterHeaders(causes.map((cause) => cause.retryAfter));
  const quota = causes.every((cause) => cause.quotaExhausted);
  return new HttpError({
    status: 429,
    type: quota ? 'insufficient_quota' : 'rate_limit_error',
    code: quota ? 'insufficient_quota' : 'rate_limit_exceeded',
    message: error.message,
    headers,
  });
}
