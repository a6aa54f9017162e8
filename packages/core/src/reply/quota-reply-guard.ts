/**
 * Holds back the start of a reply while it could still be one of a site's spent-quota replies
 * (FreeGpt answers 200 with a reply that is only its quota text), and releases it as text the moment
 * the reply goes on past every one of them. A reply is the quota reply only when it ends there: the
 * same words followed by more (a model asked to repeat them) are the model's. Works on decoded text,
 * so it recognises the text however the network splits it.
 */
export class QuotaReplyGuard {
  /** The whole replies this guard looks for. */
  readonly texts: readonly string[];
  #held = '';
  #active = true;

  constructor(texts: readonly string[]) {
    this.texts = texts;
  }

  /** Takes the next piece of text; returns what may go to the caller now (empty while holding). */
  accept(text: string): string {
    if (!this.#active) return text;
    const candidate = this.#held + text;
    if (this.texts.some((quota) => quota.startsWith(candidate))) {
      this.#held = candidate;
      return '';
    }
    this.#active = false;
    this.#held = '';
    return candidate;
  }

  /**
   * At the end of the reply: whether the whole reply was one of the quota texts (`spent`; then `text`
   * is that quota text, for the error), else the text still held back, for the caller.
   */
  finish(): { text: string; spent: boolean } {
    const held = this.#held;
    // Stryker disable BooleanLiteral,StringLiteral: equivalent, finish() ends the reply; no use follows
    this.#held = '';
    this.#active = false;
    // Stryker restore BooleanLiteral,StringLiteral
    return { text: held, spent: this.texts.includes(held) };
  }
}
