import type { IncomingHttpHeaders } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { ReplyEncodingError } from '../errors/reply-encoding-error.js';
import { ReplyTooLargeError } from '../errors/reply-too-large-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { isConnectionReset } from './connection-reset.js';
import { Utf8StreamDecoder } from './utf8-stream-decoder.js';

/** Bytes held for a caller that is not reading before the socket is paused. */
const HIGH_WATER_MARK = 65_536;

/** The decompressors for the `Content-Encoding`s a reply may use. */
const DECOMPRESSORS: Readonly<Record<string, () => NodeJS.ReadWriteStream>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** What a take returns while nothing new has arrived: wait for `ready()`, then take again. */
export const NOT_YET: unique symbol = Symbol('not yet');

/** The head of a response: its status and headers. */
export interface ResponseHead {
  status: number;
  headers: IncomingHttpHeaders;
}

/** What a reader needs to know. */
export interface ResponseReaderOptions {
  /** The provider's id, for errors. */
  provider: string;
  /** The request URL, for errors. */
  url: string;
  /** Milliseconds of silence allowed while the caller waits for the next text. */
  idleTimeout: number;
  /** Decoded bytes of a 2xx reply allowed before the request is closed (Infinity: no bound). */
  maxReplyBytes: number;
}

/**
 * Receives one response straight from undici's dispatcher (no stream in between) and hands its text to
 * the caller. A take takes every chunk that has arrived since the last one and decodes them at once
 * with one streaming UTF-8 decoder ({@link Utf8StreamDecoder}), so a character split across chunks
 * comes out whole and invalid bytes become U+FFFD. A gzip, deflate or br body is decompressed as it
 * streams (node:zlib); any other `Content-Encoding` fails with a ReplyEncodingError. Text that arrived before a network error
 * is read before the error; a body delimited only by the connection's close that ends with a reset
 * is such an error, never a complete reply. Past 64 KiB unread the socket is paused until the caller
 * reads; past `maxReplyBytes` in all the request is closed with a ReplyTooLargeError. The idle timer
 * runs only while the caller waits for the network, never while the caller is busy with the
 * previous text.
 */
export class ResponseReader implements Dispatcher.DispatchHandler {
  readonly #decoder = new Utf8StreamDecoder();
  readonly #options: ResponseReaderOptions;
  #controller: Dispatcher.DispatchController | undefined;
  #head: ResponseHead | undefined;
  #decompressor: NodeJS.ReadWriteStream | undefined;
  // Stryker disable next-line BooleanLiteral: equivalent, onResponseStart sets it before any use
  #lengthless = false;
  #maxBytes = Number.POSITIVE_INFINITY;
  readonly #chunks: Buffer[] = [];
  #bytes = 0;
  #total = 0;
  #ended = false;
  #finished = false;
  #error: unknown;
  #abortReason: Error | undefined;
  #wake: (() => void) | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  // Stryker disable next-line BooleanLiteral: equivalent, #wait sets it before the idle timer exists
  #waitingForData = false;

  constructor(options: ResponseReaderOptions) {
    this.#options = options;
  }

  /**
   * Whether the whole response has arrived and been taken: nothing of it is left on the network, so
   * neither an abort nor a dropped caller has anything left to close.
   */
  get complete(): boolean {
    return this.#ended && this.#bytes === 0;
  }

  /** Resolves with the response's status and headers once they arrive; rejects with its error. */
  async head(): Promise<ResponseHead> {
    for (;;) {
      if (this.#abortReason !== undefined) throw this.#abortReason;
      if (this.#head !== undefined) return this.#head;
      if (this.#error !== undefined) throw this.#error;
      await this.#wait(false);
    }
  }

  /**
   * The text that arrived since the last take (never empty), undefined once the response ended, or
   * {@link NOT_YET} when nothing new has arrived: then await {@link ready} and take again. Throws the
   * response's error (after the text that came before it) or the reason it was aborted. Synchronous, so
   * a caller streaming many texts waits on one promise per wait, not on a chain of async calls.
   */
  take(): string | undefined | typeof NOT_YET {
    for (;;) {
      if (this.#abortReason !== undefined) throw this.#abortReason;
      if (this.#bytes > 0) {
        const chunks = this.#chunks;
        // Stryker disable next-line ConditionalExpression: equivalent, concat of one chunk is that chunk
        const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#bytes);
        chunks.length = 0;
        this.#bytes = 0;
        if (this.#controller?.paused) this.#controller.resume();
        this.#decompressor?.resume();
        const text = this.#decoder.decode(bytes);
        if (text !== '') return text;
        continue;
      }
      if (this.#error !== undefined) throw this.#error;
      if (!this.#ended) return NOT_YET;
      if (this.#finished) return undefined;
      this.#finished = true;
      const rest = this.#decoder.end();
      if (rest !== '') return rest;
      return undefined;
    }
  }

  /**
   * Resolves (never rejects) once something new can be taken: text, the end, an error or an abort.
   * The idle timer runs while this waits.
   */
  ready(): Promise<void> {
    return this.#wait(true);
  }

  /** Reads up to `limit` characters of the body, for an error message. */
  async readText(limit: number): Promise<string> {
    let text = '';
    for (;;) {
      const piece = this.take();
      if (piece === NOT_YET) {
        await this.ready();
        continue;
      }
      if (piece === undefined) break;
      text += piece;
      if (text.length >= limit) break;
    }
    return text.slice(0, limit);
  }

  /** Aborts the request, closing its socket; every later read rejects with `reason`. */
  abort(reason: Error): void {
    if (this.#abortReason !== undefined || this.#ended) return;
    this.#abortReason = reason;
    this.#controller?.abort(reason);
    this.#decompressor?.removeAllListeners('data');
    this.#notify();
  }

  /** Stops the idle timer and, unless the response is complete, aborts the request. */
  dispose(): void {
    clearTimeout(this.#idleTimer);
    this.#decompressor?.removeAllListeners('data');
    if (!this.#ended && this.#error === undefined) {
      this.abort(new Error('the request was closed before its response ended'));
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (statusCode < 200) return; // 1xx informational responses precede the real one
    // undici keeps the head's raw Buffers on the controller for as long as the response lasts; the
    // parsed headers are all anyone reads past this call (interceptors read them before it).
    controller.rawHeaders = null;
    this.#head = { status: statusCode, headers };
    // Only a reply is bounded: an error's body is read only up to the start that its error keeps.
    if (statusCode < 300) this.#maxBytes = this.#options.maxReplyBytes;
    this.#lengthless =
      headers['content-length'] === undefined &&
      !/\bchunked\b/i.test(String(headers['transfer-encoding'] ?? ''));
    const encoding = String(headers['content-encoding'] ?? '')
      .trim()
      .toLowerCase();
    if (encoding !== '' && encoding !== 'identity') this.#startDecompressing(controller, encoding);
    this.#notify();
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const flowing =
      this.#decompressor === undefined ? this.#accept(chunk) : this.#decompressor.write(chunk);
    if (!flowing || this.#bytes >= HIGH_WATER_MARK) controller.pause();
  }

  onResponseEnd(): void {
    if (this.#lengthless && isConnectionReset()) {
      const error = Object.assign(
        new Error('the connection was reset before the reply ended (it had no length to check)'),
        { code: 'ECONNRESET' },
      );
      this.onResponseError(undefined, error);
      return;
    }
    if (this.#decompressor === undefined) this.#end();
    else this.#decompressor.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#error ??= error;
    this.#decompressor?.removeAllListeners('data');
    this.#notify();
  }

  #startDecompressing(controller: Dispatcher.DispatchController, encoding: string): void {
    const { provider, url } = this.#options;
    const shown = encoding.slice(0, 64);
    const create = DECOMPRESSORS[encoding];
    if (create === undefined) {
      this.#fail(controller, new ReplyEncodingError({ provider, url, encoding: shown }));
      return;
    }
    const decompressor = create();
    this.#decompressor = decompressor;
    decompressor.on('data', (chunk: Buffer) => {
      this.#accept(chunk);
      if (this.#bytes >= HIGH_WATER_MARK) decompressor.pause();
    });
    decompressor.on('drain', () => {
      if (this.#bytes < HIGH_WATER_MARK) controller.resume();
    });
    decompressor.on('end', () => this.#end());
    decompressor.on('error', (cause: Error) => {
      this.#fail(controller, new ReplyEncodingError({ provider, url, encoding: shown, cause }));
    });
  }

  /** Takes decoded bytes of body; returns false once the request is closed. */
  #accept(chunk: Buffer): boolean {
    if (this.#abortReason !== undefined || this.#error !== undefined) return false;
    this.#total += chunk.length;
    if (this.#total > this.#maxBytes) {
      const { provider, url } = this.#options;
      this.abort(new ReplyTooLargeError({ provider, url, maxReplyBytes: this.#maxBytes }));
      return false;
    }
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    this.#notify();
    return true;
  }

  #end(): void {
    this.#ended = true;
    // Nothing more will be waited for: the timer would only keep this reader alive until it fired.
    clearTimeout(this.#idleTimer);
    this.#notify();
  }

  #fail(controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#ended) return;
    this.#error ??= error;
    controller.abort(error);
    this.#notify();
  }

  #wait(forData: boolean): Promise<void> {
    // Stryker disable next-line ConditionalExpression: equivalent, #onIdle ignores a head wait
    if (forData) {
      if (this.#idleTimer === undefined) {
        this.#idleTimer = setTimeout(ResponseReader.#onIdle, this.#options.idleTimeout, this);
        this.#idleTimer.unref();
      } else {
        this.#idleTimer.refresh();
      }
    }
    this.#waitingForData = forData;
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  #notify(): void {
    const wake = this.#wake;
    if (wake === undefined) return;
    this.#wake = undefined;
    this.#waitingForData = false;
    wake();
  }

  /**
   * The idle timer's callback, given its reader as the timer's argument: one function for every
   * reader, not a closure per reader that lives as long as its stream.
   */
  static #onIdle(reader: ResponseReader): void {
    if (!reader.#waitingForData) return;
    const { provider, url, idleTimeout } = reader.#options;
    reader.abort(new TimeoutError({ provider, url, phase: 'idle', timeout: idleTimeout }));
  }
}
