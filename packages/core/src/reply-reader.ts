import type { Readable } from 'node:stream';

/**
 * Reads a response body as text. Each read takes everything that has already arrived, decoded with one
 * streaming UTF-8 decoder (a character split across chunks comes out whole; invalid bytes become
 * U+FFFD). An idle timer runs only while the reader waits for the network, never while the caller is
 * busy with the previous text.
 */
export class ReplyReader {
  readonly #body: Readable;
  readonly #decoder = new TextDecoder('utf-8');
  readonly #idleTimeout: number;
  readonly #onIdle: () => void;
  #idleTimer: NodeJS.Timeout | undefined;
  #waiting = false;
  #ended = false;
  #finished = false;
  #error: unknown;
  #wake: (() => void) | undefined;

  /**
   * @param body - The response body.
   * @param idleTimeout - Milliseconds of silence allowed while waiting for the next chunk.
   * @param onIdle - Called once that silence is exceeded; it should abort the request.
   */
  constructor(body: Readable, idleTimeout: number, onIdle: () => void) {
    this.#body = body;
    this.#idleTimeout = idleTimeout;
    this.#onIdle = onIdle;
    body.on('readable', this.#notify);
    body.on('end', () => {
      this.#ended = true;
      this.#notify();
    });
    body.on('error', (error: unknown) => {
      this.#error ??= error;
      this.#notify();
    });
  }

  /** The next decoded text (possibly empty), or undefined once the body has ended. */
  async read(): Promise<string | undefined> {
    for (;;) {
      if (this.#error !== undefined) throw this.#error;
      const chunk: Buffer | null = this.#body.read();
      if (chunk !== null) return this.#decoder.decode(chunk, { stream: true });
      if (this.#ended) {
        if (this.#finished) return undefined;
        this.#finished = true;
        return this.#decoder.decode();
      }
      await this.#wait();
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

  /** Stops the idle timer and, if the body is not fully read, destroys it (its socket is not reused). */
  dispose(): void {
    clearTimeout(this.#idleTimer);
    if (!this.#ended) this.#body.destroy();
  }

  #wait(): Promise<void> {
    if (this.#idleTimer === undefined) {
      this.#idleTimer = setTimeout(this.#checkIdle, this.#idleTimeout).unref();
    } else {
      this.#idleTimer.refresh();
    }
    this.#waiting = true;
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  readonly #notify = (): void => {
    const wake = this.#wake;
    if (wake === undefined) return;
    this.#wake = undefined;
    this.#waiting = false;
    wake();
  };

  readonly #checkIdle = (): void => {
    if (this.#waiting) this.#onIdle();
  };
}
