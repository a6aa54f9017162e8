import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

/** Bytes held for a caller that is not reading before the socket is paused. */
const HIGH_WATER_MARK = 65_536;

/** The head of a response: its status and headers. */
export interface ResponseHead {
  status: number;
  headers: IncomingHttpHeaders;
}

/**
 * Receives one response straight from undici's dispatcher (no stream in between) and hands its text to
 * the caller. A read takes every chunk that has arrived since the last one and decodes them at once
 * with one streaming UTF-8 decoder, so a character split across chunks comes out whole and invalid
 * bytes become U+FFFD. Text that arrived before a network error is read before the error. Past 64 KiB
 * unread the socket is paused until the caller reads. The idle timer runs only while the caller
 * waits for the network, never while the caller is busy with the previous text.
 */
export class ResponseReader implements Dispatcher.DispatchHandler {
  readonly #decoder = new TextDecoder('utf-8');
  readonly #idleTimeout: number;
  readonly #onIdle: () => void;
  #controller: Dispatcher.DispatchController | undefined;
  #head: ResponseHead | undefined;
  #chunks: Buffer[] = [];
  #bytes = 0;
  #ended = false;
  #finished = false;
  #error: unknown;
  #abortReason: Error | undefined;
  #wake: (() => void) | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #waitingForData = false;

  /**
   * @param idleTimeout - Milliseconds of silence allowed while the caller waits for the next text.
   * @param onIdle - Called once that silence is exceeded; it should abort the request.
   */
  constructor(idleTimeout: number, onIdle: () => void) {
    this.#idleTimeout = idleTimeout;
    this.#onIdle = onIdle;
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

  /** The text that arrived since the last read (never empty), or undefined once the response ended. */
  async read(): Promise<string | undefined> {
    for (;;) {
      if (this.#abortReason !== undefined) throw this.#abortReason;
      if (this.#bytes > 0) {
        const chunks = this.#chunks;
        const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#bytes);
        this.#chunks = [];
        this.#bytes = 0;
        if (this.#controller?.paused) this.#controller.resume();
        const text = this.#decoder.decode(bytes, { stream: true });
        if (text !== '') return text;
        continue;
      }
      if (this.#error !== undefined) throw this.#error;
      if (this.#ended) {
        if (this.#finished) return undefined;
        this.#finished = true;
        const rest = this.#decoder.decode();
        if (rest !== '') return rest;
        return undefined;
      }
      await this.#wait(true);
    }
  }

  /** Reads up to `limit` characters of the body, for an error message. */
  async readText(limit: number): Promise<string> {
    let text = '';
    for (let piece = await this.read(); piece !== undefined; piece = await this.read()) {
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
    this.#notify();
  }

  /** Stops the idle timer and, unless the response is complete, aborts the request. */
  dispose(): void {
    clearTimeout(this.#idleTimer);
    if (!this.#ended && this.#error === undefined) {
      this.abort(new Error('the request was closed before its response ended'));
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (statusCode < 200) return; // 1xx informational responses precede the real one
    this.#head = { status: statusCode, headers };
    this.#notify();
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#bytes += chunk.length;
    if (this.#bytes >= HIGH_WATER_MARK) controller.pause();
    this.#notify();
  }

  onResponseEnd(): void {
    this.#ended = true;
    this.#notify();
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.#error ??= error;
    this.#notify();
  }

  #wait(forData: boolean): Promise<void> {
    if (forData) {
      if (this.#idleTimer === undefined) {
        this.#idleTimer = setTimeout(this.#checkIdle, this.#idleTimeout).unref();
      } else {
        this.#idleTimer.refresh();
      }
    }
    this.#waitingForData = forData;
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  readonly #notify = (): void => {
    const wake = this.#wake;
    if (wake === undefined) return;
    this.#wake = undefined;
    this.#waitingForData = false;
    wake();
  };

  readonly #checkIdle = (): void => {
    if (this.#waitingForData) this.#onIdle();
  };
}
