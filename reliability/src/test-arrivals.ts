import type { Emulator, EmulatorRequest } from '@freechat/emulator';

/** The question a logged request asks: its last message's text, in whichever form the site takes. */
function questionOf(entry: EmulatorRequest): string | undefined {
  const messages = (entry.body as { messages?: unknown } | undefined)?.messages;
  if (!Array.isArray(messages)) return undefined;
  const last = messages[messages.length - 1] as
    | { content?: unknown; parts?: Array<{ text?: unknown }> }
    | undefined;
  const text = last?.content ?? last?.parts?.[0]?.text;
  return typeof text === 'string' ? text : undefined;
}

/**
 * Tells when the request asking a given question has reached the emulator, for many requests in flight
 * at once. Each question must be unique; call `clear()` whenever the emulator's log is reset.
 */
export class RequestArrivals {
  readonly #emulator: Emulator;
  readonly #waiters = new Map<string, () => void>();
  readonly #arrived = new Set<string>();
  #scanned = 0;

  constructor(emulator: Emulator) {
    this.#emulator = emulator;
    void this.#watch();
  }

  /** Resolves once the request asking `question` has been received (at once if it already was). */
  arrival(question: string): Promise<void> {
    if (this.#arrived.delete(question)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.set(question, resolve));
  }

  /** Forgets everything seen so far; the emulator's log has just been reset. */
  clear(): void {
    this.#scanned = 0;
    this.#arrived.clear();
  }

  async #watch(): Promise<void> {
    for (;;) {
      await this.#emulator.nextRequest();
      this.#scan();
    }
  }

  /** Looks at every log entry not seen yet (so an entry is never missed between two wake-ups). */
  #scan(): void {
    const entries = this.#emulator.requests;
    for (; this.#scanned < entries.length; this.#scanned++) {
      const question = questionOf(entries[this.#scanned]!);
      if (question === undefined) continue;
      const waiter = this.#waiters.get(question);
      if (waiter === undefined) {
        this.#arrived.add(question);
      } else {
        this.#waiters.delete(question);
        waiter();
      }
    }
  }
}
