import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { HttpError } from './http-error.js';
import { httpServerOptions } from './http-options.js';

/** The fields of a `clientError` that say what went wrong. */
interface ClientErrorLike {
  code?: unknown;
  message?: unknown;
}

/**
 * Fastify's `clientErrorHandler`: answers a request that Node's HTTP parser refused (malformed HTTP,
 * headers too large, a request not received in time) in OpenAI's error shape, like every other
 * error, then closes the connection. Nothing is written when the client already left, when a
 * response on the socket has started, or when the client sent nothing at all (a connection opened
 * and left idle past the headers' time is closed without a word).
 */
export function clientErrorHandler(requestTimeout: number): (error: Error, socket: Socket) => void {
  return (error, socket) => {
    const { code } = error as ClientErrorLike;
    if (code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.bytesRead === 0) {
      socket.destroy();
      return;
    }
    const response = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && response?.headersSent !== true) {
      socket.write(rawResponse(clientHttpError(error, requestTimeout)));
    }
    socket.destroy();
  };
}

/** The error a refused request gets: 408, 431, or 400 naming the parser's reason. */
export function clientHttpError(error: Error, requestTimeout: number): HttpError {
  const { code } = error as ClientErrorLike;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const { headersTimeout } = httpServerOptions(requestTimeout).http;
    const whole =
      requestTimeout > 0
        ? `, all of it within the server's requestTimeout (${requestTimeout} ms)`
        : '';
    return new HttpError({
      status: 408,
      type: 'invalid_request_error',
      code: 'request_timeout',
      message: `The request was not received in time (its headers within ${headersTimeout} ms${whole}).`,
    });
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new HttpError({
      status: 431,
      type: 'invalid_request_error',
      code: 'request_headers_too_large',
      message: "The request's headers are larger than the server accepts.",
    });
  }
  const reason = typeof code === 'string' ? ` (${code})` : '';
  return new HttpError({
    status: 400,
    type: 'invalid_request_error',
    code: 'malformed_http',
    message: `Malformed HTTP request${reason}: ${error.message}`,
  });
}

function rawResponse(failure: HttpError): string {
  const body = JSON.stringify(failure.body);
  return (
    `HTTP/1.1 ${failure.status} ${STATUS_CODES[failure.status]}\r\n` +
    'content-type: application/json; charset=utf-8\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    'connection: close\r\n\r\n' +
    body
  );
}
