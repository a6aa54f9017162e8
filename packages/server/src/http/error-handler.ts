import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, invalidRequest } from './http-error.js';
import { redactSecrets } from './log-redaction.js';
import { toHttpError } from './to-http-error.js';

/**
 * Answers every error, and every unknown route, in OpenAI's shape `{"error": {message, type, param,
 * code}}` with the matching status and headers. A 5xx is logged at `error` level (name and message
 * only, credentials in URLs masked), others at `info`.
 */
export function installErrorHandlers(fastify: FastifyInstance): void {
  fastify.setErrorHandler(async (error, request, reply) => {
    const failure = toHttpError(error);
    const logged = {
      status: failure.status,
      error: redactSecrets(
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      ),
    };
    if (failure.status >= 500) request.log.error(logged, 'request failed');
    else request.log.info(logged, 'request refused');
    return reply.code(failure.status).headers(failure.headers).send(failure.body);
  });
  fastify.setNotFoundHandler(async (request, reply) => {
    const failure = new HttpError({
      status: 404,
      type: 'invalid_request_error',
      code: 'unknown_url',
      message: `Invalid URL (${request.method} ${request.url.split('?', 1)[0]}).`,
    });
    return reply.code(404).send(failure.body);
  });
}

/**
 * Fastify's `frameworkErrors`: a URL its router cannot decode (a bad percent-escape) gets a 400
 * `malformed_http` in OpenAI's shape, like malformed HTTP, instead of Fastify's own body.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const failure = invalidRequest(null, `Malformed request URL: ${error.message}`, 'malformed_http');
  request.log.info(
    { status: failure.status, error: redactSecrets(`${error.name}: ${error.message}`) },
    'request refused',
  );
  reply.code(failure.status).send(failure.body);
}
