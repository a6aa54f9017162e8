import type { Dispatcher } from 'undici';
import type { AttemptOrder } from '../policy/random-order.js';

/** The settings every provider factory accepts (`createFree2GPT(settings)`, …). */
export interface ProviderSettings {
  /**
   * The API base URL, or a list of mirrors, replacing the site's own (sites move often). With or
   * without a trailing slash; requests go to `{baseURL}/api/generate`.
   */
  baseURL?: string | readonly string[];
  /** Extra headers sent with every request; they replace the site's defaults of the same name. */
  headers?: Record<string, string>;
  /**
   * A proxy for every request: `http://`, `https://` or `socks5://` (credentials in the URL). Any
   * other scheme is an `InvalidSettingError` at creation.
   */
  proxy?: string;
  /**
   * The most sockets open at once to one origin (default 128); requests beyond wait for one to
   * free. Applies to the dispatcher freechat builds (with or without `proxy`), not to your own.
   */
  maxConnections?: number;
  /**
   * The most bytes of (decoded) reply accepted before the request is closed with a
   * `ReplyTooLargeError`; `Infinity` for no bound. Default: 16 MiB for `complete()`, no bound for
   * `stream()`. A request's own `maxReplyBytes` overrides it.
   */
  maxReplyBytes?: number;
  /**
   * Speak HTTP/2 to sites that offer it over HTTPS (ALPN, h2 preferred), many requests sharing one
   * connection; HTTP/1.1 with the others. Default `false`: HTTP/1.1 only. Applies to the dispatcher
   * freechat builds, directly or through an `http://`/`https://` proxy's tunnel; not with a
   * `socks5://` proxy or your own dispatcher (an error at creation).
   */
  http2?: boolean;
  /** Your own undici dispatcher (Agent, Pool, MockAgent, …); `proxy` is then not allowed. */
  dispatcher?: Dispatcher;
  /** Milliseconds until the response starts (default 60 000). */
  timeout?: number;
  /** Milliseconds of silence allowed between two chunks of the reply (default 60 000). */
  idleTimeout?: number;
  /** Retries after a retryable failure, before any text has arrived (default 2). */
  maxRetries?: number;
  /** The first retry's delay in milliseconds, doubled each time, with jitter (default 500). */
  retryDelay?: number;
  /** The longest `Retry-After` honoured, in milliseconds; a longer one fails at once (default 30 000). */
  maxRetryAfter?: number;
  /** The signing secret, replacing the site's (a deployment's `PUBLIC_SECRET_KEY`). */
  secret?: string;
  /**
   * The deployment's site password (its `SITE_PASSWORD`, or one entry of that comma-separated list),
   * sent as `pass`; `null` is sent when unset. Never printed in errors or logs.
   */
  password?: string;
  /**
   * `random` (default): try the mirrors in a fresh random order on each request (so a random one first,
   * as the sites' own clients do); `ordered`: in list order.
   */
  mirrorOrder?: AttemptOrder;
  /** The clock, in milliseconds since the epoch (default `Date.now`); for tests that pin the body. */
  now?: () => number;
}
