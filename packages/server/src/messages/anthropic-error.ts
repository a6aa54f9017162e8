import type { FastifyInstance } from 'fastify';
import { HttpError } from '../http/http-error.js';
import { redactSecrets } from '../http/log-redaction.js';
import { toHttpError } from '../http/to-http-error.js';
import type { KeyLimitRefusal } from '../state/key-limit-refusal.js';

/** The error types of Anthropic's API that the server answers with. */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error';

/** The body of every error of the Messages API, in Anthropic's shape. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
  /** The request's id (also its `x-request-id` and `request-id` headers). */
  request_id: string | null;
}

/** Anthropic's status for the providers being unavailable for now: "overloaded". */
const OVERLOADED_STATUS = 529;

/**
 * The status and error type Anthropic's API would answer a failure with, by the server's own
 * status: 401 `authentication_error`, 403 `permission_error`, 404 `not_found_error`, 429
 * `rate_limit_error`, 503 (every provider cooling down, the server shutting down) 529
 * `overloaded_error`, 504 `timeout_error`, any other 5xx (the sites failed: 502; a bug: 500)
 * `api_error` with its status, any other 4xx `invalid_request_error`.
 */
function anthropicStatus(status: number): { status: number; type: AnthropicErrorType } {
  switch (status) {
    case 401:
      return { status, type: 'authentication_error' };
    case 403:
      return { status, type: 'permission_error' };
    case 404:
      return { status, type: 'not_found_error' };
    case 429:
      return { status, type: 'rate_limit_error' };
    case 503:
      return { status: OVERLOADED_STATUS, type: 'overloaded_error' };
    case 504:
      return { status, type: 'timeout_error' };
    default:
      return { status, type: status >= 500 ? 'api_error' : 'invalid_request_error' };
  }
}

/**
 * A failure's body in Anthropic's shape. Its message names the field at fault (Anthropic's body has
 * no field of its own for it): `messages[0].content[1].type: …` unless the message names it already.
 */
export function anthropicErrorBody(failure: HttpError, requestId: string): AnthropicErrorBody {
  const { param } = failure.body.error;
  const message =
    param === null || failure.message.includes(`'${param}'`)
      ? failure.message
      : `${param}: ${failure.message}`;
  return {
    type: 'error',
    error: { type: anthropicStatus(failure.status).type, message },
    request_id: requestId,
  };
}

/**
 * Anthropic's answer to a request over its key's limits (`KeyLimiter.admit`'s shape): a 429
 * `rate_limit_error` with `Retry-After` and the `x-ratelimit-*` headers.
 */
export function anthropicRateLimitError(refusal: KeyLimitRefusal): HttpError {
  return new HttpError({
    status: 429,
    type: 'rate_limit_error',
    message: refusal.message,
    headers: refusal.headers,
  });
}

/**
 * Answers every error of the routes registered on `scope` (refusals of the server's hooks included:
 * an API key missing, a Host not allowed), and every unknown URL under its prefix, in Anthropic's
 * shape `{"type": "error", "error": {type, message}, "request_id"}` with the matching status and
 * headers. A 5xx is logged at `error` level, others at `info`.
 */
export function answerInAnthropicShape(scope: FastifyInstance): void {
  scope.setErrorHandler(async (error, request, reply) => {
    const failure = toHttpError(error);
    const { status } = anthropicStatus(failure.status);
    const logged = {
      status,
      error: redactSecrets(
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      ),
    };
    if (status >= 500) request.log.error(logged, 'request failed');
    else request.log.info(logged, 'request refused');
    return reply
      .code(status)
      .headers(failure.headers)
      .header('request-id', request.id)
      .send(anthropicErrorBody(failure, request.id));
  });
  scope.setNotFoundHandler(async (request) => {
    throw new HttpError({
      status: 404,
      type: 'not_found_error',
      message: `Invalid URL (${request.method} ${request.url.split('?', 1)[0]}).`,
    });
  });
}
