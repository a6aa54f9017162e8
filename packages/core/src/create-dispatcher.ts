import type { Dispatcher } from 'undici';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { Agent, ProxyAgent, Socks5ProxyAgent } from './undici-classes.js';

/** How long an idle pooled connection is kept open for the next message of a conversation. */
const KEEP_ALIVE_TIMEOUT = 30_000;

/** The transport the core builds when the caller brings no dispatcher of their own. */
export type DispatcherFactory = () => Dispatcher;

/**
 * Validates `proxy` and returns a factory for the provider's one pooled keep-alive dispatcher: a plain
 * Agent, a ProxyAgent for `http://`/`https://` proxies, or a Socks5ProxyAgent for `socks5://`.
 * undici's own timeouts are off: the streaming base enforces `timeout` and `idleTimeout` itself.
 */
export function dispatcherFactory(provider: string, proxy: unknown): DispatcherFactory {
  const options = { keepAliveTimeout: KEEP_ALIVE_TIMEOUT, headersTimeout: 0, bodyTimeout: 0 };
  if (proxy === undefined) return () => new Agent(options);
  const fail = (message: string): never => {
    throw new InvalidRequestError({ provider, field: 'proxy', message });
  };
  if (typeof proxy !== 'string') return fail(`expected a URL string, got ${typeof proxy}`);
  let parsed: URL;
  try {
    parsed = new URL(proxy);
  } catch {
    return fail(`"${redact(proxy)}" is not a URL`);
  }
  switch (parsed.protocol) {
    case 'http:':
    case 'https:':
      return () => new ProxyAgent({ ...options, uri: proxy, proxyTunnel: true });
    case 'socks5:':
      return () => new Socks5ProxyAgent(proxy, options);
    default:
      return fail(
        `"${redact(proxy)}" has the scheme ${parsed.protocol}; use http://, https:// or socks5://`,
      );
  }
}

function redact(proxy: string): string {
  return proxy.replace(/\/\/[^@/]*@/, '//***@');
}
