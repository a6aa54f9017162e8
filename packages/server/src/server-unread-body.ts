import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Closes the connection of a response sent before its request's body was read in full — a refusal
 * before the body (no or a wrong API key, a Host not allowed, a declared length over `bodyLimit`, an
 * unknown route, a GET with a body): the response says `Connection: close`, and Node closes the
 * socket as soon as the response is flushed. Kept open for another request, the connection would
 * first have the rest of the body read and thrown away, however long its declared length.
 */
export function closeOnUnreadBody(fastify: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every response.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (hasUnreadBody(request.raw)) reply.header('connection', 'close');
    done(null, payload);
  });
}

/** Whether the request declares a body (a length above 0, or chunks) that has not all been read. */
function hasUnreadBody(request: IncomingMessage): boolean {
  if (request.complete) return false;
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}
