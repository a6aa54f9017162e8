import type { ServerOptions as HttpServerOptions } from 'node:http';

/**
 * How long a connection may stay open between two requests: 5 s, Node's own default (Fastify
 * raises it to 72 s). An idle connection holds a socket and a file descriptor; a client that comes
 * back later opens a new one.
 */
export const KEEP_ALIVE_TIMEOUT = 5000;
/**
 * How long a client may take to send a request's headers, from the moment it connects or starts the
 * request: 10 s (Node's default is 60 s). Headers are one small packet; a socket that sends nothing,
 * or a header a second, is closed within this time.
 */
export const HEADERS_TIMEOUT = 10_000;
/** The longest time between two checks of the requests still being received. */
const LONGEST_CHECK_INTERVAL = 1000;

/**
 * The options Fastify gives Node's HTTP server. They bound the time to receive a request's headers to
 * {@link HEADERS_TIMEOUT} (or `requestTimeout`, if shorter), the whole request (headers and body) to
 * `requestTimeout` milliseconds (`0` leaves it unbounded), and an idle connection between two requests
 * to {@link KEEP_ALIVE_TIMEOUT}. Node checks the requests still being received every
 * `connectionsCheckingInterval` (30 s by default, far coarser than the bounds), here every second,
 * so a request is cut off within a second of its time. A request once received is not bounded: a long
 * streaming reply is not cut off. A request without a `Host` header is let through to the
 * `checkHostHeader` hook, which refuses it in OpenAI's shape (Node's own refusal is an empty 400).
 */
export function httpServerOptions(requestTimeout: number): {
  requestTimeout: number;
  keepAliveTimeout: number;
  http: HttpServerOptions;
} {
  const bound = requestTimeout > 0 ? requestTimeout : Number.POSITIVE_INFINITY;
  const http: HttpServerOptions = {
    requestTimeout,
    requireHostHeader: false,
    headersTimeout: Math.min(HEADERS_TIMEOUT, bound),
    connectionsCheckingInterval: Math.min(LONGEST_CHECK_INTERVAL, bound),
  };
  return { requestTimeout, keepAliveTimeout: KEEP_ALIVE_TIMEOUT, http };
}
