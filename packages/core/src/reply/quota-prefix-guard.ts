/**
 * Holds back the start of a reply while it could still be a site's spent-quota text (FreeGpt answers
 * 200 with a reply that starts with it, alone or followed by more), and releases it the moment it
 * cannot. Works on decoded text, so it recognises the text however the network splits it.
 */
export class QuotaPrefixGuard {
  /** The text this guard looks for. */
  readonly prefix: string;
  #held = '';
  #active = true;
  #spent = false;

  constructor(prefix: string) {
    this.prefix = prefix;
  }

  /** Takes the next piece of text; returns what may go to the caller now (empty while holding). */
  accept(text: string): string {
    if (!this.#active) return text;
    const candidate = this.#held + text;
    if (candidate.startsWith(this.prefix)) {
      this.#spent = true;
      // Stryker disable next-line BooleanLiteral: equivalent, a spent reply ends at once (RateLimitError)
      this.#active = false;
      this.#held = candidate;
      return '';
    }
    if (this.prefix.startsWith(candidate)) {
      this.#held = candidate;
      return '';
    }
    this.#active = false;
    this.#held = '';
    return candidate;
  }

  /** Whether the reply began with the quota text: the quota is spent. */
  get spent(): boolean {
    return this.#spent;
  }

  /** At the end of the reply: what is still held back (a reply that only began like the text). */
  release(): string {
    const held = this.#spent ? '' : this.#held;
    // Stryker disable BooleanLiteral,StringLiteral: equivalent, release() ends the reply; no use follows
    this.#held = '';
    this.#active = false;
    // Stryker restore BooleanLiteral,StringLiteral
    return held;
  }
}
