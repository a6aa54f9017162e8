import { StopFilter } from './server-stop-filter.js';

/**
 * The reply as the client should see it: the upstream text cut before the first stop sequence.
 * Once a stop sequence is seen, the upstream request is closed at once.
 */
export class ReplySource {
  readonly #upstream: AsyncGenerator<string, void, undefined>;
  readonly #filter: StopFilter | undefined;
  #over = false;

  constructor(upstream: AsyncGenerator<string, void, undefined>, stops: readonly string[]) {
    this.#upstream = upstream;
    this.#filter = stops.length > 0 ? new StopFilter(stops) : undefined;
  }

  /** The next non-empty text to send, or undefined once the reply is over. Upstream errors propagate. */
  async next(): Promise<string | undefined> {
    const filter = this.#filter;
    while (!this.#over) {
      let result: IteratorResult<string, void>;
      try {
        result = await this.#upstream.next();
      } catch (error) {
        this.#over = true;
        throw error;
      }
      if (result.done) {
        this.#over = true;
        return filter?.flush() || undefined;
      }
      if (filter === undefined) {
        if (result.value !== '') return result.value;
        continue;
      }
      const text = filter.accept(result.value);
      if (filter.stopped) {
        await this.close();
        return text || undefined;
      }
      if (text !== '') return text;
    }
    return undefined;
  }

  /** Closes the upstream request if the reply is not over yet. */
  async close(): Promise<void> {
    this.#over = true;
    await this.#upstream.return(undefined);
  }
}
