/**
 * Holds back the start of a reply while it could still be a site's spent-quota text (FreeGpt answers
 * 200 with it as the whole reply), and releases it the moment it cannot. Works on decoded text, so it
 * recognises the message however the network splits it.
 */
export class ReplyGuard {
  readonly #quotaText: string;
  #held = '';
  #active = true;

  constructor(quotaText: string) {
    this.#quotaText = quotaText;
  }

  /** Takes the next piece of text; returns what may go to the caller now (empty while holding). */
  accept(text: string): string {
    if (!this.#active) return text;
    const candidate = this.#held + text;
    if (this.#quotaText.startsWith(candidate)) {
      this.#held = candidate;
      return '';
    }
    this.#active = false;
    this.#held = '';
    return candidate;
  }

  /** At the end of the reply: whether the whole reply was the quota text. */
  get matched(): boolean {
    return this.#active && this.#held === this.#quotaText;
  }

  /** At the end of the reply: what is still held back (a reply that only started like the text). */
  release(): string {
    const held = this.#held;
    this.#held = '';
    this.#active = false;
    return held;
  }
}
