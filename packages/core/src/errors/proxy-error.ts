import { ConnectionError } from './connection-error.js';
import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ProxyError');

/** What a ProxyError is constructed from. */
export interface ProxyErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The URL the request went to. */
  url: string;
  /** The proxy, with any credentials masked (`http://***@127.0.0.1:8080`). */
  proxy: string;
  /** True when the proxy rejected the credentials (HTTP 407, a SOCKS5 authentication failure). */
  authFailed: boolean;
  /** The error of the proxy connection. */
  cause: unknown;
}

/**
 * The proxy failed: it could not be reached, it refused the tunnel, or it rejected the credentials. A
 * kind of ConnectionError; a rejected authentication is never retried (neither again nor on another
 * mirror: the same credentials would be rejected again), the rest is retryable like any connection
 * failure.
 */
export class ProxyError extends ConnectionError {
  /** The proxy, with any credentials masked. */
  readonly proxy: string;
  /** True when the proxy rejected the credentials. */
  readonly authFailed: boolean;
  constructor({ provider, url, proxy, authFailed, cause }: ProxyErrorOptions) {
    super({
      provider,
      url,
      cause,
      detail: authFailed
        ? `the proxy ${proxy} rejected the credentials`
        : `the proxy ${proxy} failed`,
      isRetryable: !authFailed,
    });
    this.name = 'ProxyError';
    markAs(this, marker);
    this.proxy = proxy;
    this.authFailed = authFailed;
  }

  /** Whether `error` is a ProxyError, from any copy of core. */
  static override isInstance(error: unknown): error is ProxyError {
    return ProviderError.hasMarker(error, marker);
  }
}
