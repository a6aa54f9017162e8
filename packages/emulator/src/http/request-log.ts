import type { EmulatorRequest } from './emulator-request.js';

/** The emulator's request log: a capped live array, and promises for the next request to arrive. */
export class RequestLog {
  /** The logged requests, oldest first; the same array for the emulator's whole life. */
  readonly entries: EmulatorRequest[] = [];
  private waiters: Array<(entry: EmulatorRequest) => void> = [];

  constructor(private readonly maxEntries: number) {}

  /** Logs a request (dropping the oldest past the cap) and hands it to everyone waiting for one. */
  add(entry: EmulatorRequest): void {
    if (this.maxEntries > 0) {
      this.entries.push(entry);
      if (this.entries.length > this.maxEntries)
        this.entries.splice(0, this.entries.length - this.maxEntries);
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter(entry);
  }

  /** Resolves with the next request the emulator receives, even when the log is disabled. */
  next(): Promise<EmulatorRequest> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Empties the log in place. */
  clear(): void {
    this.entries.length = 0;
  }
}
