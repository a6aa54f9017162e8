import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { constants, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';

/** A request the emulator answers: HTTP/1.1 (`node:http`) or HTTP/2 (`node:http2`'s compatibility API). */
export type EmulatorIncoming = IncomingMessage | Http2ServerRequest;

/** A response the emulator writes: HTTP/1.1 or HTTP/2 (the compatibility API). */
export type EmulatorResponse = ServerResponse | Http2ServerResponse;

/** Headers HTTP/2 forbids (RFC 9113 §8.2.2): the framing and connection they describe are HTTP/1.1's. */
const CONNECTION_HEADERS = ['connection', 'transfer-encoding', 'keep-alive'];

/**
 * Writes the status and headers. Over HTTP/2 the HTTP/1.1 connection headers (`transfer-encoding:
 * chunked`, `connection: close`) are left out: HTTP/2 frames every body the same way, in DATA frames.
 */
export function writeHead(
  response: EmulatorResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
): void {
  if (!isHttp2(response)) {
    response.writeHead(status, headers);
    return;
  }
  const allowed: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!CONNECTION_HEADERS.includes(name)) allowed[name] = value;
  }
  response.writeHead(status, allowed);
}

/** Sends the status and headers now (HTTP/2 sent them at `writeHead` already). */
export function flushHead(response: EmulatorResponse): void {
  if (!isHttp2(response)) response.flushHeaders();
}

/**
 * Writes one piece of the body; `done` is called once it is handed to the socket (or failed).
 *
 * @returns `false` when the buffer is full (wait for `drain`).
 */
export function writeBody(
  response: EmulatorResponse,
  chunk: Uint8Array,
  done?: (error: Error | null | undefined) => void,
): boolean {
  return isHttp2(response) ? response.write(chunk, done) : response.write(chunk, done);
}

/** The TCP socket under a connection's socket (itself in cleartext; under TLS, the one it wraps). */
export type TcpSocketOf = (socket: Socket) => Socket | undefined;

/**
 * Cuts the exchange as a crashed or reset server does: HTTP/1.1 resets the TCP socket (RST; under TLS,
 * the TCP socket the TLS one wraps); HTTP/2 resets only this request's stream (`RST_STREAM` with
 * `INTERNAL_ERROR`), as a proxy in front of a crashed upstream does, and the connection's other
 * streams go on.
 */
export function resetExchange(response: EmulatorResponse, tcpSocketOf: TcpSocketOf): void {
  if (isHttp2(response)) {
    response.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  const socket = response.socket;
  if (socket === null) return;
  (tcpSocketOf(socket) ?? socket).resetAndDestroy();
}

/**
 * Ends the exchange without the reply's end, as a server that closes its connection early does:
 * HTTP/1.1 closes the socket in order before the terminating chunk; HTTP/2 ends the whole connection
 * (its socket destroyed, no `RST_STREAM`, no `END_STREAM`).
 */
export function truncateExchange(response: EmulatorResponse): void {
  if (isHttp2(response)) response.stream.session?.destroy();
  else response.socket?.end();
}

/** Whether a response is HTTP/2's. */
export function isHttp2(response: EmulatorResponse): response is Http2ServerResponse {
  return 'stream' in response;
}
