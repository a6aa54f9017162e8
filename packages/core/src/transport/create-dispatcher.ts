import type { Dispatcher } from 'undici';
import { watchResets } from './connection-reset.js';
import { Agent, ProxyAgent, Socks5ProxyAgent } from './undici-classes.js';

/** How long an idle pooled connection is kept open for the next message of a conversation. */
const KEEP_ALIVE_TIMEOUT = 30_000;

/**
 * The most requests in flight on one HTTP/2 connection (undici's default is 100); the site's own
 * `SETTINGS_MAX_CONCURRENT_STREAMS` may lower it. Beyond, another connection opens, up to
 * `maxConnections`.
 */
const MAX_STREAMS_PER_CONNECTION = 1_000;

/** How the provider's own dispatcher connects. */
export interface TransportOptions {
  /** The most sockets open at once to one origin. */
  maxConnections: number;
  /** Offer HTTP/2 (preferred) over HTTPS, besides HTTP/1.1. */
  http2: boolean;
}

/** The transport the core builds when the caller brings no dispatcher of their own. */
export interface DispatcherFactory {
  /** Builds the provider's one pooled keep-alive dispatcher. */
  create: () => Dispatcher;
  /** The proxy as it may be shown (credentials masked), or undefined without one. */
  proxy: string | undefined;
}

/**
 * Returns a factory for the provider's one pooled keep-alive dispatcher: a plain Agent, a ProxyAgent
 * for `http://`/`https://` proxies, or a Socks5ProxyAgent for `socks5://` (`proxy` is checked by the
 * settings' `proxySetting`). Each opens at most `maxConnections` sockets per origin and queues the
 * requests beyond. undici's own timeouts are off: the streaming base enforces `timeout` and
 * `idleTimeout` itself. HTTP/1.1 only unless `http2` (undici 8 would otherwise take HTTP/2 whenever a
 * site's ALPN prefers it).
 */
export function dispatcherFactory(
  proxy: string | undefined,
  { maxConnections, http2 }: TransportOptions,
): DispatcherFactory {
  const options = {
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT,
    headersTimeout: 0,
    bodyTimeout: 0,
    connections: maxConnections,
    allowH2: http2,
    ...(http2 ? { h2Options: { maxConcurrentStreams: MAX_STREAMS_PER_CONNECTION } } : {}),
  };
  if (proxy === undefined) {
    return {
      create: () => new Agent({ ...options, connect: watchResets(http2) }),
      proxy: undefined,
    };
  }
  const parsed = new URL(proxy);
  const shown = `${parsed.protocol}//${parsed.username || parsed.password ? '***@' : ''}${parsed.host}`;
  if (parsed.protocol === 'socks5:') {
    return { create: () => new CappedSocks5ProxyAgent(proxy, maxConnections), proxy: shown };
  }
  return {
    create: () =>
      new ProxyAgent({
        ...options,
        uri: proxy,
        proxyTunnel: true,
        ...(http2 ? { requestTls: { preferH2: true } } : {}),
      }),
    proxy: shown,
  };
}

/**
 * A Socks5ProxyAgent whose per-origin pools open at most `maxConnections` sockets: undici sizes
 * those pools from each dispatch's `connections` option rather than from the agent's own.
 */
class CappedSocks5ProxyAgent extends Socks5ProxyAgent {
  readonly #maxConnections: number;

  constructor(proxy: string, maxConnections: number) {
    super(proxy, { keepAliveTimeout: KEEP_ALIVE_TIMEOUT, headersTimeout: 0, bodyTimeout: 0 });
    this.#maxConnections = maxConnections;
  }

  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    return super.dispatch({ ...options, connections: this.#maxConnections } as never, handler);
  }
}
