import type { Cooldown } from '../providers/provider-cooldowns.js';
import type { CooldownEvent, CooldownStore } from './server-state.js';

/**
 * Cooldowns in one process: the process's own `ProviderCooldowns` is the whole truth, so sharing is a
 * no-op; only the failures in a row are counted, one entry per provider.
 */
export class MemoryCooldowns implements CooldownStore {
  readonly #failures = new Map<string, number>();

  async share(_cooldown: Cooldown): Promise<void> {}

  async countFailure(provider: string): Promise<number> {
    const failures = (this.#failures.get(provider) ?? 0) + 1;
    this.#failures.set(provider, failures);
    return failures;
  }

  async clear(provider: string): Promise<void> {
    this.#failures.delete(provider);
  }

  async load(_providers: readonly string[]): Promise<Cooldown[]> {
    return [];
  }

  listen(_listener: (event: CooldownEvent) => void): void {}
}
