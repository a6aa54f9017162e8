/** The abort reason of completions cut off when the grace period of `close()` runs out. */
export class ServerShutdownError extends Error {
  constructor() {
    super('The server is shutting down; the completion was cut off.');
    this.name = 'ServerShutdownError';
  }
}

/**
 * The completions in progress, so that `close()` can let them finish within a grace period and then
 * abort the rest (their upstream requests close at once).
 */
export class ActiveCompletions {
  readonly #controllers = new Set<AbortController>();
  #idle: (() => void) | undefined;

  /** Registers a completion; call the returned function when it is over. */
  begin(controller: AbortController): () => void {
    this.#controllers.add(controller);
    return () => {
      this.#controllers.delete(controller);
      if (this.#controllers.size === 0) this.#idle?.();
    };
  }

  /**
   * Resolves once no completion is in progress. Those still running after `gracePeriod` ms are
   * aborted with a ServerShutdownError, and then awaited.
   */
  async drain(gracePeriod: number): Promise<void> {
    if (this.#controllers.size === 0) return;
    const idle = new Promise<void>((resolve) => {
      this.#idle = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, gracePeriod);
    });
    await Promise.race([idle, expired]);
    clearTimeout(timer);
    if (this.#controllers.size === 0) return;
    const reason = new ServerShutdownError();
    for (const controller of this.#controllers) controller.abort(reason);
    await idle;
  }
}
