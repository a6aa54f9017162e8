import type { Dispatcher } from 'undici';
import { ConnectionError } from '../errors/connection-error.js';
import { ProviderError } from '../errors/provider-error.js';
import { ProxyError } from '../errors/proxy-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { ReplyFilter } from '../reply/reply-filter.js';
import type { Endpoint } from '../settings/endpoint.js';
import type { ProviderDefinition } from '../sites/provider-definition.js';
import { onAbort } from './abort-listeners.js';
import { flattenHeaders } from './flatten-headers.js';
import { createResponseError, isPageContentType } from './response-error.js';
import { NOT_YET, type ResponseHead, ResponseReader } from './response-reader.js';

/** How much of a failed response's body is read for its error. */
const ERROR_BODY_LIMIT = 4096;

/** What one attempt needs to know. */
export interface AttemptOptions {
  /** The provider: its id for errors, and the signs its replies are watched for. */
  definition: ProviderDefinition;
  dispatcher: Dispatcher;
  /** Where the request goes, with its headers. */
  endpoint: Endpoint;
  signal: AbortSignal | undefined;
  timeout: number;
  idleTimeout: number;
  /** Decoded bytes of reply allowed (Infinity: no bound). */
  maxReplyBytes: number;
  /** The proxy every request goes through (credentials masked), or undefined. */
  proxy: string | undefined;
}

/**
 * One request to one endpoint, dispatched straight to undici with a {@link ResponseReader} as its
 * handler; its reply text goes through the provider's {@link ReplyFilter}. The caller's signal, the
 * response timeout and the idle timeout all abort it, so every way of giving up closes the socket at
 * once. `open()` and `take()` throw only final errors: the caller's abort reason once the caller
 * aborted, a freechat error (a failure of the proxy as a ProxyError, of the connection as a
 * ConnectionError), or a bug as it is.
 */
export class Attempt {
  readonly #options: AttemptOptions;
  readonly #reader: ResponseReader;
  readonly #filter: ReplyFilter;
  readonly #stopWaitingForAbort: (() => void) | undefined;
  #responseTimer: NodeJS.Timeout | undefined;
  /** The reply's status and headers, once it started. */
  #head: ResponseHead | undefined;
  /** Whether the response ended (its last text may still be on its way to the caller). */
  #ended = false;
  /** The error to throw after the last text: a reply that ended with the failure marker. */
  #endError: Error | undefined;

  constructor(options: AttemptOptions) {
    this.#options = options;
    const { definition, endpoint, idleTimeout, maxReplyBytes, signal } = options;
    this.#reader = new ResponseReader({
      provider: definition.id,
      url: endpoint.url,
      idleTimeout,
      maxReplyBytes,
    });
    this.#filter = new ReplyFilter(definition, endpoint);
    this.#stopWaitingForAbort =
      signal === undefined
        ? undefined
        : onAbort(signal, () => {
            this.#reader.abort(signal.reason);
          });
  }

  /**
   * Sends `body`; resolves once a 2xx reply starts, else throws its typed error (a 2xx HTML page is
   * one: a CloudflareError or an UnexpectedReplyError).
   */
  async open(body: string): Promise<void> {
    try {
      await this.#open(body);
    } catch (error) {
      throw this.#classify(error);
    }
  }

  /**
   * The reply's next text (never empty), undefined once it ended, or {@link NOT_YET} when nothing new
   * has arrived: then await {@link ready} and take again. A reply that is, whole, the spent-quota text
   * is a RateLimitError, none of its text given; a reply that ends with the failure marker is a
   * ModelFailedMidReplyError after the text before the marker; a reply with no text an EmptyReplyError.
   */
  take(): string | undefined | typeof NOT_YET {
    try {
      for (;;) {
        if (this.#ended) return this.#afterEnd();
        const text = this.#reader.take();
        if (text === NOT_YET) return NOT_YET;
        if (text === undefined) {
          const end = this.#filter.finish(this.#head!);
          this.#ended = true;
          this.#endError = end.error;
          if (end.text !== '') return end.text;
        } else {
          // Once the whole response is in, an abort has nothing left to close.
          if (this.#reader.complete) this.#stopWaitingForAbort?.();
          const passed = this.#filter.accept(text);
          if (passed !== '') return passed;
        }
      }
    } catch (error) {
      throw this.#classify(error);
    }
  }

  /**
   * Whether the response is over and all of it taken: the attempt holds no socket, timer or abort
   * listener, so a caller that drops the stream now leaks nothing.
   */
  get settled(): boolean {
    return this.#reader.complete;
  }

  /** Resolves (never rejects) once {@link take} has something new: text, the end or a failure. */
  ready(): Promise<void> {
    return this.#reader.ready();
  }

  /** Stops the timers, detaches from the caller's signal, and closes an unfinished response. */
  dispose(): void {
    clearTimeout(this.#responseTimer);
    this.#stopWaitingForAbort?.();
    this.#reader.dispose();
  }

  async #open(body: string): Promise<void> {
    const { definition, dispatcher, endpoint, timeout } = this.#options;
    const provider = definition.id;
    this.#responseTimer = setTimeout(() => {
      this.#reader.abort(
        new TimeoutError({ provider, url: endpoint.url, phase: 'response', timeout }),
      );
    }, timeout).unref();
    dispatcher.dispatch(
      {
        origin: endpoint.origin,
        path: endpoint.path,
        method: 'POST',
        headers: endpoint.headers,
        body,
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      this.#reader,
    );
    const head = await this.#reader.head();
    clearTimeout(this.#responseTimer);
    // A stream holds its attempt for the whole reply: a cleared timer it still pointed to would stay
    // alive with it, and with the timer its closure.
    this.#responseTimer = undefined;
    const { status, headers } = head;
    if (status >= 200 && status < 300 && !isPageContentType(headers['content-type'])) {
      this.#head = head;
      return;
    }
    const text = await this.#reader.readText(ERROR_BODY_LIMIT);
    throw createResponseError(
      { provider, url: endpoint.url, status, headers: flattenHeaders(headers), body: text },
      definition.rateLimit,
      definition.misconfiguration,
    );
  }

  /** After the response ended: its error once, then undefined. */
  #afterEnd(): undefined {
    const error = this.#endError;
    this.#endError = undefined;
    if (error !== undefined) throw error;
    return undefined;
  }

  /**
   * The error to surface for `error`: the caller's abort reason when the caller aborted, a freechat
   * error as it is, a failure of the proxy as a ProxyError, an error of the connection as a
   * ConnectionError, and a bug as it is.
   */
  #classify(error: unknown): unknown {
    const { signal, definition, endpoint, proxy } = this.#options;
    if (signal?.aborted) return signal.reason;
    if (ProviderError.isInstance(error)) return error;
    const provider = definition.id;
    const url = endpoint.url;
    const proxyFailure = proxy === undefined ? undefined : classifyProxyFailure(error);
    if (proxyFailure !== undefined) {
      return new ProxyError({
        provider,
        url,
        proxy: proxy!,
        authFailed: proxyFailure,
        cause: error,
      });
    }
    if (!isTransportError(error)) return error;
    return new ConnectionError({ provider, url, cause: error });
  }
}

/** The errors of opening a connection: through a proxy, these are the proxy's. */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The SOCKS5 errors of a rejected authentication. */
const SOCKS5_AUTH_FAILURES = new Set([
  'UND_ERR_SOCKS5_AUTH_FAILED',
  'UND_ERR_SOCKS5_AUTH_REJECTED',
]);

/**
 * For a request through a proxy: whether `error` is the proxy's, and if so whether it rejected the
 * credentials (true) or failed otherwise (false); undefined when it is not the proxy's. undici reports
 * a refused CONNECT only in its message (`Proxy response (407) !== 200 when HTTP Tunneling`), and a
 * SOCKS5 proxy that wants credentials none were given for as an invalid argument.
 */
function classifyProxyFailure(error: unknown): boolean | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const status = /^Proxy response \((\d{3})\)/.exec(error.message)?.[1];
  if (status !== undefined) return status === '407';
  if (typeof code !== 'string') return undefined;
  if (SOCKS5_AUTH_FAILURES.has(code)) return true;
  if (code === 'UND_ERR_INVALID_ARG' && /username and password/i.test(error.message)) return true;
  if (code.startsWith('UND_ERR_SOCKS5') || CONNECT_FAILURES.has(code)) return false;
  return undefined;
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
