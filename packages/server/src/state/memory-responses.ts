import type { ResponseStore, StoredResponse } from './server-state.js';

/** The most Responses kept in one process (the least recently used go first). */
export const MAX_STORED_RESPONSES = 10_000;

/** The most bytes of Responses (their JSON, counted as UTF-16 code units) kept in one process: 256 MiB. */
export const MAX_STORED_RESPONSE_BYTES = 256 * 1024 * 1024;

/** A stored Response and its size. */
interface Entry {
  stored: StoredResponse;
  size: number;
}

/**
 * Stored Responses in one process: at most {@link MAX_STORED_RESPONSES} of them and
 * {@link MAX_STORED_RESPONSE_BYTES} in all, the least recently used dropped first, each gone after its
 * `expiresAt` (seen when it is next read).
 */
export class MemoryResponses implements ResponseStore {
  /** In the order of use, the least recent first (a Map keeps insertion order). */
  readonly #entries = new Map<string, Entry>();
  readonly #clock: () => number;
  readonly #maxCount: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(
    clock: () => number,
    bounds: { count: number; bytes: number } = {
      count: MAX_STORED_RESPONSES,
      bytes: MAX_STORED_RESPONSE_BYTES,
    },
  ) {
    this.#clock = clock;
    this.#maxCount = bounds.count;
    this.#maxBytes = bounds.bytes;
  }

  async save(stored: StoredResponse): Promise<void> {
    this.#remove(stored.id);
    const size = JSON.stringify(stored).length;
    if (size > this.#maxBytes) return;
    this.#entries.set(stored.id, { stored, size });
    this.#bytes += size;
    for (const id of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxCount && this.#bytes <= this.#maxBytes) break;
      this.#remove(id);
    }
  }

  async load(ids: readonly string[]): Promise<(StoredResponse | undefined)[]> {
    const now = this.#clock();
    return ids.map((id) => {
      const entry = this.#entries.get(id);
      if (entry === undefined) return undefined;
      this.#entries.delete(id);
      if (entry.stored.expiresAt <= now) {
        this.#bytes -= entry.size;
        return undefined;
      }
      this.#entries.set(id, entry);
      return entry.stored;
    });
  }

  async delete(id: string): Promise<boolean> {
    const [stored] = await this.load([id]);
    this.#remove(id);
    return stored !== undefined;
  }

  #remove(id: string): void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#entries.delete(id);
    this.#bytes -= entry.size;
  }
}
