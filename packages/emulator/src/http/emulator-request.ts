import type { SiteId } from '../sites/site-id.js';

/** One request the emulator received, as kept in its log. */
export interface EmulatorRequest {
  /** A number unique within this emulator, counting from 1. */
  id: number;
  /** The site (a built-in one or a deployment of your own) whose base the path fell under, if any. */
  site: SiteId | (string & {}) | undefined;
  /** The base URL (the mirror, for FreeGpt) the request hit, if any. */
  baseURL: string | undefined;
  /** The HTTP version the request came in: `'1.1'`, or `'2.0'` over HTTPS when the client chose HTTP/2. */
  httpVersion: string;
  /** The HTTP method. */
  method: string;
  /** The request target's path exactly as sent (query string excluded, nothing normalised). */
  path: string;
  /**
   * The request headers, names lowercased, repeated headers joined with `, `; HTTP/2's pseudo-headers
   * are left out (its `:authority` is HTTP/1.1's `host`).
   */
  headers: Record<string, string>;
  /** The body as UTF-8 text (an invalid byte becomes U+FFFD; `rawBytes` has the bytes themselves). */
  rawBody: string;
  /** The body's bytes as received (empty when it was over the size limit or cut off). */
  rawBytes: Buffer;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  body: unknown;
  /**
   * `ok` for a normal reply, `rejected` when a check failed, `fault` when a fault was played, `error`
   * when the emulator itself failed (a bug; see `reason`, also written to stderr).
   */
  verdict: 'ok' | 'rejected' | 'fault' | 'error';
  /**
   * What the checks made of the request, whatever was played: `'ok'` when it passed every one, otherwise
   * the first failure's precise reason (the `detail` a rejection would carry). A fault plays even for an
   * invalid request, so this is where a fault test sees that its request was wrong.
   */
  validation: string;
  /** The status sent, or `undefined` when no status line was sent (a reset or a stall). */
  status: number | undefined;
  /** Why the request was rejected, the fault's name, or the emulator's own error. */
  reason: string | undefined;
  /** When the request's headers arrived, in milliseconds since the epoch. */
  receivedAt: number;
  /** When its response finished or its connection closed, in milliseconds since the epoch. */
  finishedAt: number | undefined;
  /** Whether the client closed the connection before the reply was complete. */
  clientClosed: boolean;
  /** Resolves when this request's response is finished or its connection closed. */
  closed: Promise<void>;
}
