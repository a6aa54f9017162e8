import type { SiteId } from './site-id.js';

/** One request the emulator received, as kept in its log. */
export interface EmulatorRequest {
  /** A number unique within this emulator, counting from 1. */
  id: number;
  /** The site whose base the path fell under, if any. */
  site: SiteId | undefined;
  /** The base URL (the mirror, for FreeGpt) the request hit, if any. */
  baseURL: string | undefined;
  /** The HTTP method. */
  method: string;
  /** The request target's path (query string excluded). */
  path: string;
  /** The request headers, names lowercased, repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body as UTF-8 text. */
  rawBody: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  body: unknown;
  /** `ok` for a normal reply, `rejected` when a check failed, `fault` when a fault was played. */
  verdict: 'ok' | 'rejected' | 'fault';
  /** The status sent, or `undefined` when no status line was sent (a reset or a stall). */
  status: number | undefined;
  /** Why the request was rejected, or the fault's name. */
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
