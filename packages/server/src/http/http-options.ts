import type { ServerOptions as HttpServerOptions } from 'node:http';

/** Node's own bound on the time to receive a request's headers. */
const NODE_HEADERS_TIMEOUT = 60_000;
/** The longest time between two checks of the requests still being received. */
const LONGEST_CHECK_INTERVAL = 1000;

/**
 * The options Fastify gives Node's HTTP server. They bound the time to receive a whole request
 * (headers and body) to `requestTimeout` milliseconds (`0` leaves it unbounded): Node checks the
 * requests still being received every `connectionsCheckingInterval` (30 s by default, far coarser
 * than the bound), here at most every second, so a request is cut off within a second of its time. A
 * request once received is not bounded: a long streaming reply is not cut off. A request without a
 * `Host` header is let through to the `requireHostHeader` hook, which refuses it in OpenAI's shape
 * (Node's own refusal is an empty 400).
 */
export function httpServerOptions(requestTimeout: number): {
  requestTimeout: number;
  http: HttpServerOptions;
} {
  const http: HttpServerOptions = { requestTimeout, requireHostHeader: false };
  if (requestTimeout > 0) {
    http.headersTimeout = Math.min(NODE_HEADERS_TIMEOUT, requestTimeout);
    http.connectionsCheckingInterval = Math.min(LONGEST_CHECK_INTERVAL, requestTimeout);
  }
  return { requestTimeout, http };
}
