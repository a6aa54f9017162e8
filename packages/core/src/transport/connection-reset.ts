import { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { buildConnector } from './undici-classes.js';

/** True only while a socket's reset is being handled, synchronously. */
let resetting = false;

/** Sent to ask the kernel whether the connection is still there: no byte goes on the wire. */
const NOTHING = Buffer.alloc(0);

const markReset = (): void => {
  resetting = true;
  queueMicrotask(() => {
    resetting = false;
  });
};

const noteReset = (error: NodeJS.ErrnoException): void => {
  if (error.code === 'ECONNRESET') markReset();
};

/**
 * Tells a reset that libuv reported as an end of stream from a real one. libuv before 1.52 (Node 22)
 * reads the bytes still queued when a reset arrives, sees the peer's hang-up flag and reports the end
 * of the stream without the read that would return `ECONNRESET`. A zero-byte write then fails at once
 * on a reset connection and succeeds on one the peer closed in order, and a failed write marks the
 * socket errored synchronously. The `Socket` prototype's own `write` is used because Node swaps a
 * socket's `write` for one that always fails once it has read the end. Only plain TCP sockets are
 * probed: a write to a TLS socket goes through its encryption first, and fails later if at all.
 */
function probeEnd(this: Socket): void {
  if (this.destroyed || (this as TLSSocket).encrypted === true) return;
  Socket.prototype.write.call(this, NOTHING);
  const code = (this.errored as NodeJS.ErrnoException | null)?.code;
  if (code === 'ECONNRESET' || code === 'EPIPE') markReset();
}

/**
 * A connector for an undici Agent that lets {@link isConnectionReset} tell a reset from an orderly
 * close. undici ends a reply that has neither a length nor chunking when its socket is reset, exactly
 * as when it is closed in order, and it does so synchronously inside the socket's `error` (or, where
 * libuv reported the reset as one, `end`) event: this connector's own listeners, registered before
 * undici's, mark that moment.
 */
export function watchResets(http2: boolean): buildConnector.connector {
  // Over HTTPS: HTTP/1.1 only, or both with HTTP/2 preferred.
  const connect = buildConnector({ allowH2: http2, preferH2: http2 });
  return (options, callback) => {
    connect(options, (...result) => {
      if (result[0] === null) result[1].on('error', noteReset).on('end', probeEnd);
      callback(...result);
    });
  };
}

/** Whether a socket reset is being handled right now (see {@link watchResets}). */
export function isConnectionReset(): boolean {
  return resetting;
}
