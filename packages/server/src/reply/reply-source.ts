import { StopFilter } from './stop-filter.js';

/** Why a reply ended: its end or a stop sequence (`stop`), or the length limit (`length`). */
export type FinishReason = 'stop' | 'length';

/**
 * The reply as the client should see it: the upstream text cut before the first stop sequence, and
 * at most `maxCharacters` UTF-16 code units long. Once a stop sequence is seen or the limit is
 * passed, the upstream request is closed at once.
 */
export class ReplySource {
  readonly #upstream: AsyncGenerator<string, void, undefined>;
  readonly #filter: StopFilter | undefined;
  readonly #maxCharacters: number | undefined;
  #characters = 0;
  #finishReason: FinishReason = 'stop';
  #over = false;

  constructor(
    upstream: AsyncGenerator<string, void, undefined>,
    stops: readonly string[],
    maxCharacters?: number,
  ) {
    this.#upstream = upstream;
    this.#filter = stops.length > 0 ? new StopFilter(stops) : undefined;
    this.#maxCharacters = maxCharacters;
  }

  /** `length` once the reply was cut at `maxCharacters`, else `stop`. */
  get finishReason(): FinishReason {
    return this.#finishReason;
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
        return this.#limit(filter?.flush() ?? '') || undefined;
      }
      const text = this.#limit(filter === undefined ? result.value : filter.accept(result.value));
      if (this.#finishReason === 'length' || filter?.stopped === true) {
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

  /** `text` cut to the room left under maxCharacters (never inside a surrogate pair). */
  #limit(text: string): string {
    if (this.#maxCharacters === undefined) return text;
    const room = this.#maxCharacters - this.#characters;
    if (text.length <= room) {
      this.#characters += text.length;
      return text;
    }
    this.#finishReason = 'length';
    const end = room > 0 && isHighSurrogate(text.charCodeAt(room - 1)) ? room - 1 : room;
    this.#characters += end;
    return text.slice(0, end);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
