/**
 * Cuts a streamed reply before the first stop sequence, wherever the upstream chunks split it. Text
 * from the earliest point where a stop sequence may begin is held back until the next chunk tells —
 * even past a later stop sequence that is already complete, since the earlier one may still finish.
 */
export class StopFilter {
  readonly #stops: readonly string[];
  #held = '';
  #sequence: string | undefined;

  /** @param stops - Non-empty stop sequences. */
  constructor(stops: readonly string[]) {
    this.#stops = stops;
  }

  /** Whether a stop sequence has been seen: the reply is over. */
  get stopped(): boolean {
    return this.#sequence !== undefined;
  }

  /**
   * The stop sequence the reply ended at, or undefined while none was seen. Of those that begin at
   * the same place, the first in the list.
   */
  get sequence(): string | undefined {
    return this.#sequence;
  }

  /** Takes the next chunk and returns the text that may be sent now (possibly empty). */
  accept(text: string): string {
    if (this.stopped) return '';
    const candidate = this.#held + text;
    const cut = this.#firstMatch(candidate);
    const pending = this.#firstPartialMatch(candidate);
    if (cut !== -1 && cut <= pending) {
      this.#held = '';
      return this.#stopAt(candidate, cut);
    }
    this.#held = candidate.slice(pending);
    return candidate.slice(0, pending);
  }

  /**
   * Ends the reply: returns the text held back, cut before a stop sequence it holds (one that began
   * after a partial match that never finished).
   */
  flush(): string {
    const held = this.#held;
    this.#held = '';
    const cut = this.#firstMatch(held);
    return cut === -1 ? held : this.#stopAt(held, cut);
  }

  /** Ends the reply at the stop sequence that begins at `cut` in `text`; returns the text before it. */
  #stopAt(text: string, cut: number): string {
    this.#sequence = this.#stops.find((stop) => text.startsWith(stop, cut));
    return text.slice(0, cut);
  }

  /** Where the earliest complete stop sequence in `text` starts, or -1. */
  #firstMatch(text: string): number {
    let cut = -1;
    for (const stop of this.#stops) {
      const index = text.indexOf(stop);
      if (index !== -1 && (cut === -1 || index < cut)) cut = index;
    }
    return cut;
  }

  /** Where the earliest end of `text` that is a proper start of a stop sequence begins (else its length). */
  #firstPartialMatch(text: string): number {
    for (let start = 0; start < text.length; start++) {
      const tail = text.length - start;
      for (const stop of this.#stops) {
        if (tail < stop.length && stop.startsWith(text.slice(start))) return start;
      }
    }
    return text.length;
  }
}
