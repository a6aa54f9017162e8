/**
 * Compiled schemas by their JSON text, the least recently used dropped first. Clients send the same
 * tools with every request, so a schema is compiled once per text, not once per request.
 *
 * Bounded twice: at most `maxEntries` schemas are kept, and a schema longer than `maxTextLength`
 * characters is compiled for its request only, never kept (so the texts held stay under
 * `maxEntries × maxTextLength` characters, besides their compiled forms).
 */
export class CompiledSchemaCache<COMPILED extends object> {
  /** Map order is use order: the first entry is the least recently used. */
  readonly #entries = new Map<string, COMPILED>();

  constructor(
    readonly maxEntries: number,
    readonly maxTextLength: number,
  ) {}

  /** How many schemas are kept. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The compiled schema of `text`: the one kept, or `compile(text)`, kept when the text is short
   * enough. An error of `compile` passes through, and nothing is kept.
   */
  get(text: string, compile: (text: string) => COMPILED): COMPILED {
    const kept = this.#entries.get(text);
    if (kept !== undefined) {
      this.#entries.delete(text);
      this.#entries.set(text, kept);
      return kept;
    }
    const compiled = compile(text);
    if (text.length <= this.maxTextLength) {
      if (this.#entries.size >= this.maxEntries) {
        this.#entries.delete(this.#entries.keys().next().value!);
      }
      this.#entries.set(text, compiled);
    }
    return compiled;
  }
}
