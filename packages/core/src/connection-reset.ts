import { buildConnector } from './undici-classes.js';

/** True only while a socket's ECONNRESET is being handled, synchronously. */
let resetting = false;

const noteReset = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'ECONNRESET') return;
  resetting = true;
  queueMicrotask(() => {
    resetting = false;
  });
};

/**
 * A connector for an undici Agent that lets {@link isConnectionReset} tell a reset from an orderly
 * close. undici ends a reply that has neither a length nor chunking when its socket is reset, exactly
 * as when it is closed in order, and it does so synchronously inside the socket's `error` event: this
 * connector's own `error` listener, registered before undici's, marks that moment.
 */
export function watchResets(http2: boolean): buildConnector.connector {
  // Over HTTPS: HTTP/1.1 only, or both with HTTP/2 preferred.
  const connect = buildConnector({ allowH2: http2, preferH2: http2 });
  return (options, callback) => {
    connect(options, (...result) => {
      if (result[0] === null) result[1].on('error', noteReset);
      callback(...result);
    });
  };
}

/** Whether a socket reset is being handled right now (see {@link watchResets}). */
export function isConnectionReset(): boolean {
  return resetting;
}
