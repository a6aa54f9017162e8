/**
 * Cuts a streamed reply before the first stop sequence, wherever the upstream chunks split it. Text
 * that could be the start of a stop sequence is held back until the next chunk tells.
 */
export class StopFilter {
  readonly #stops: readonly string[];
  #held = '';
  #stopped = false;

  /** @param stops - Non-empty stop sequences. */
  constructor(stops: readonly string[]) {
    this.#stops = stops;
  }

  /** Whether a stop sequence has been seen: the reply is over. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Takes the next chunk and returns the text that may be sent now (possibly empty). */
  accept(text: string): string {
    if (this.#stopped) return '';
    const candidate = this.#held + text;
    let cut = -1;
    for (const stop of this.#stops) {
      const index = candidate.indexOf(stop);
      if (index !== -1 && (cut === -1 || index < cut)) cut = index;
    }
    if (cut !== -1) {
      this.#stopped = true;
      this.#held = '';
      return candidate.slice(0, cut);
    }
    const keep = this.#partialStopLength(candidate);
    this.#held = candidate.slice(candidate.length - keep);
    return candidate.slice(0, candidate.length - keep);
  }

  /** Returns the text held back at the end of the reply: it was not a stop sequence after all. */
  flush(): string {
    const held = this.#held;
    this.#held = '';
    return held;
  }

  /** The length of the longest end of `text` that is the start of a stop sequence. */
  #partialStopLength(text: string): number {
    let longest = 0;
    for (const stop of this.#stops) {
      const limit = Math.min(stop.length - 1, text.length);
      for (let length = limit; length > longest; length--) {
        if (text.endsWith(stop.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }
}
