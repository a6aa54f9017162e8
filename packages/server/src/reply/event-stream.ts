import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * Writes server-sent events to a hijacked response. A write that fills the socket's buffer waits for
 * `drain`, so a slow client slows the upstream read instead of growing memory; an aborted signal
 * (the client left, or the server is shutting down) ends the wait. A client that takes nothing for
 * `writeTimeout` ms is dropped: its response is destroyed, which aborts the upstream request.
 */
export class EventStream {
  readonly #response: ServerResponse;
  readonly #signal: AbortSignal;
  readonly #writeTimeout: number;

  constructor(response: ServerResponse, signal: AbortSignal, writeTimeout: number) {
    this.#response = response;
    this.#signal = signal;
    this.#writeTimeout = writeTimeout;
  }

  /** Whether the client is gone: nothing more can be written. */
  get closed(): boolean {
    return this.#response.destroyed;
  }

  /** Sends the response head. */
  start(headers: Record<string, string | number | readonly string[]>): void {
    this.#response.writeHead(200, headers as Record<string, string | number | string[]>);
  }

  /**
   * Writes `data`. Returns undefined when the socket took it, else a promise that resolves on `drain`
   * (or once the signal aborts): `await` it either way.
   */
  write(data: string): Promise<void> | undefined {
    if (this.closed || this.#response.write(data)) return undefined;
    return this.#drain();
  }

  async #drain(): Promise<void> {
    const stalled = setTimeout(() => this.#response.destroy(), this.#writeTimeout);
    try {
      await once(this.#response, 'drain', { signal: this.#signal });
    } catch (error) {
      if (!this.#signal.aborted) throw error;
    } finally {
      clearTimeout(stalled);
    }
  }

  /** Writes `data` and ends the response. */
  end(data: string): void {
    if (!this.closed) this.#response.end(data);
  }
}
