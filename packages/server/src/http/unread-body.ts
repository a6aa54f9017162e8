import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Closes the connection of a response sent before its request's body was read, when what is left
 * of the body may be large: declared longer than `bodyLimit`, or chunked (no declared length). Such
 * a response is a refusal before the body (no or a wrong API key, a Host not allowed, a length over
 * `bodyLimit`, an unknown route, a GET with a body); it says `Connection: close`, and Node closes the
 * socket as soon as the response is flushed, reading nothing more. Kept open for another request,
 * the connection would first have the rest of the body read and thrown away, however long its
 * declared length. A shorter body is read and thrown away as usual, and the connection kept: closing
 * on unread bytes resets the connection, and the client may lose the response.
 */
export function closeOnUnreadBody(fastify: FastifyInstance, bodyLimit: number): void {
  // A callback hook, not an async one: it runs on every response.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (hasLargeUnreadBody(request.raw, bodyLimit)) reply.header('connection', 'close');
    done(null, payload);
  });
}

/** Whether the request's body is not all read yet, and is chunked or declared over `bodyLimit`. */
function hasLargeUnreadBody(request: IncomingMessage, bodyLimit: number): boolean {
  if (request.complete) return false;
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && Number(length) > bodyLimit;
}
