import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Endpoint } from './endpoint.js';
import { ConnectionError } from './errors/connection-error.js';
import { ProviderError } from './errors/provider-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import type { RateLimitSignals } from './provider-definition.js';
import { ReplyReader } from './reply-reader.js';
import { createResponseError } from './response-error.js';

/** How much of a failed response's body is read for its error. */
const ERROR_BODY_LIMIT = 4096;

/** What one attempt needs to know. */
export interface AttemptOptions {
  provider: string;
  dispatcher: Dispatcher;
  endpoint: Endpoint;
  headers: Readonly<Record<string, string>>;
  rateLimit: RateLimitSignals | undefined;
  signal: AbortSignal | undefined;
  timeout: number;
  idleTimeout: number;
}

/**
 * One request to one endpoint. It owns an AbortController that the caller's signal, the response
 * timeout and the idle timeout all abort, so every way of giving up closes the socket at once.
 */
export class Attempt {
  readonly #options: AttemptOptions;
  readonly #controller = new AbortController();
  #responseTimer: NodeJS.Timeout | undefined;
  #reader: ReplyReader | undefined;

  constructor(options: AttemptOptions) {
    this.#options = options;
    options.signal?.addEventListener('abort', this.#forwardAbort, { once: true });
  }

  /** Sends `body`; resolves with a reader once a 2xx response starts, else throws its typed error. */
  async open(body: string): Promise<ReplyReader> {
    const { provider, dispatcher, endpoint, headers, timeout, idleTimeout } = this.#options;
    const signal = this.#controller.signal;
    this.#responseTimer = setTimeout(() => {
      this.#controller.abort(
        new TimeoutError({ provider, url: endpoint.url, phase: 'response', timeout }),
      );
    }, timeout).unref();
    const response = await dispatcher.request({
      origin: endpoint.origin,
      path: endpoint.path,
      method: 'POST',
      headers,
      body,
      signal,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    clearTimeout(this.#responseTimer);
    this.#reader = new ReplyReader(response.body, idleTimeout, () => {
      this.#controller.abort(
        new TimeoutError({ provider, url: endpoint.url, phase: 'idle', timeout: idleTimeout }),
      );
    });
    const { statusCode } = response;
    if (statusCode >= 200 && statusCode < 300) return this.#reader;
    const text = await this.#reader.readText(ERROR_BODY_LIMIT);
    throw createResponseError(
      {
        provider,
        url: endpoint.url,
        status: statusCode,
        headers: flattenHeaders(response.headers),
        body: text,
      },
      this.#options.rateLimit,
    );
  }

  /**
   * The error to surface for `error`: the caller's abort reason when the caller aborted, a freechat
   * error as it is, anything else from the transport as a ConnectionError.
   */
  classify(error: unknown): unknown {
    const { signal, provider, endpoint } = this.#options;
    if (signal?.aborted) return signal.reason;
    if (ProviderError.isInstance(error) || !isTransportError(error)) return error;
    return new ConnectionError({ provider, url: endpoint.url, cause: error });
  }

  /** Stops the timers, detaches from the caller's signal, and closes an unfinished response. */
  dispose(): void {
    clearTimeout(this.#responseTimer);
    this.#options.signal?.removeEventListener('abort', this.#forwardAbort);
    this.#reader?.dispose();
  }

  readonly #forwardAbort = (): void => {
    this.#controller.abort(this.#options.signal?.reason);
  };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * Whether an error comes from the connection (a socket, TLS, HTTP parser or undici error) rather than
 * from a bug (a TypeError, RangeError, … or an argument undici refused): only the former become a
 * retryable ConnectionError; a bug surfaces as it is.
 */
function isTransportError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError ||
    error instanceof SyntaxError
  ) {
    return false;
  }
  return (error as { code?: unknown }).code !== 'UND_ERR_INVALID_ARG';
}
