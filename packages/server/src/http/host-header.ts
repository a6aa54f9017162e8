import type { FastifyInstance } from 'fastify';
import { invalidRequest } from './http-error.js';

/** Refuses an HTTP/1.1 request without a `Host` header (RFC 9112 §3.2) with a 400 in OpenAI's shape. */
export function requireHostHeader(fastify: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every request, and an async hook costs a promise
  // and a microtask each time.
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      done(invalidRequest(null, 'An HTTP/1.1 request needs a Host header.', 'malformed_http'));
      return;
    }
    done();
  });
}
