/**
 * Keeps a deployment's mid-reply failure marker (`Internal server error`, which a Node deployment of
 * either template appends to the partial text before ending cleanly) from reaching the caller. Only
 * the reply's trailing characters that could still begin the marker are held back, so streaming stays
 * immediate; the marker anywhere but at the very end is ordinary text.
 */
export class FailureTailGuard {
  /** The text this guard looks for. */
  readonly marker: string;
  #held = '';

  constructor(marker: string) {
    this.marker = marker;
  }

  /** Takes the next piece of text; returns all of it but a trailing part that could begin the marker. */
  accept(text: string): string {
    const candidate = this.#held + text;
    const keep = this.#markerStartLength(candidate);
    this.#held = candidate.slice(candidate.length - keep);
    return candidate.slice(0, candidate.length - keep);
  }

  /**
   * At the end of the reply: the text still held, and whether the reply ended with the marker (then
   * the held text is the marker, and `text` is empty).
   */
  finish(): { text: string; failed: boolean } {
    const held = this.#held;
    this.#held = '';
    return held === this.marker ? { text: '', failed: true } : { text: held, failed: false };
  }

  /** The length of the longest suffix of `text` that is a prefix of the marker (or the marker). */
  #markerStartLength(text: string): number {
    for (let length = Math.min(this.marker.length, text.length); length > 0; length--) {
      if (this.marker.startsWith(text.slice(text.length - length))) return length;
    }
    return 0;
  }
}
