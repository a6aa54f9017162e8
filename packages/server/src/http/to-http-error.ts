import { ServerShutdownError } from '../reply/active-completions.js';
import { upstreamHttpError } from '../reply/upstream-error.js';
import { HttpError, invalidRequest } from './http-error.js';
import { type ValidationIssue, validationMessage, validationParam } from './validation-error.js';

/** The fields of a Fastify error the server looks at. */
interface FastifyErrorLike {
  code?: unknown;
  statusCode?: unknown;
  validation?: readonly ValidationIssue[];
  message: string;
}

/**
 * The response for any error: an HttpError as it is; Fastify's validation errors as 400 naming the
 * field; a body too large as 413; a wrong content type as 415; other request errors as 400; a
 * shutdown as 503; core's errors as {@link upstreamHttpError} maps them; anything else as 500.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ServerShutdownError) {
    return new HttpError({
      status: 503,
      type: 'server_error',
      code: 'server_shutting_down',
      message: error.message,
    });
  }
  if (isFastifyError(error)) {
    if (error.validation !== undefined && error.validation.length > 0) {
      const issue = error.validation[0]!;
      const param = validationParam(issue);
      return invalidRequest(param, validationMessage(param, issue));
    }
    if (error.statusCode === 413) {
      return new HttpError({
        status: 413,
        type: 'invalid_request_error',
        code: 'request_too_large',
        message: error.message,
      });
    }
    if (error.statusCode === 415) {
      return new HttpError({
        status: 415,
        type: 'invalid_request_error',
        code: 'unsupported_media_type',
        message: `${error.message}; send the body as application/json.`,
      });
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return invalidRequest(null, error.message);
    }
  }
  return upstreamHttpError(error);
}

function isFastifyError(error: unknown): error is FastifyErrorLike {
  return (
    error instanceof Error &&
    ((typeof (error as FastifyErrorLike).code === 'string' &&
      String((error as FastifyErrorLike).code).startsWith('FST_')) ||
      Array.isArray((error as FastifyErrorLike).validation) ||
      (error instanceof SyntaxError && typeof (error as FastifyErrorLike).statusCode === 'number'))
  );
}
