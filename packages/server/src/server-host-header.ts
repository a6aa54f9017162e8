import type { FastifyInstance } from 'fastify';
import { invalidRequest } from './server-http-error.js';

/** Refuses an HTTP/1.1 request without a `Host` header (RFC 9112 §3.2) with a 400 in OpenAI's shape. */
export function requireHostHeader(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      throw invalidRequest(null, 'An HTTP/1.1 request needs a Host header.', 'malformed_http');
    }
  });
}
