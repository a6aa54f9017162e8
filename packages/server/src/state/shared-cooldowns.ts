import {
  type Cooldown,
  isFromReplyText,
  type ProviderCooldowns,
} from '../providers/provider-cooldowns.js';
import type { ProviderOutcomeObserver } from '../providers/provider-status.js';
import type { StateLog } from './redis-link.js';
import type { CooldownEvent, CooldownStore } from './server-state.js';

/**
 * Keeps this replica's cooldowns and those of the others in step through a {@link CooldownStore}:
 * a cooldown started here is shared, one started elsewhere is adopted at once (so every replica skips
 * the provider), failures in a row are counted across the replicas, and text from a provider ends its
 * failures and cooldown everywhere. Reads stay in this process (`ProviderCooldowns.get`); a request
 * that succeeds touches the store only when the provider has failures or a cooldown to end.
 */
export class SharedCooldowns implements ProviderOutcomeObserver {
  readonly #store: CooldownStore;
  readonly #cooldowns: ProviderCooldowns;
  readonly #providers: readonly string[];
  readonly #log: StateLog;
  /** Providers with failures or a cooldown in the store, as far as this replica knows. */
  readonly #pending = new Set<string>();

  constructor(options: {
    store: CooldownStore;
    cooldowns: ProviderCooldowns;
    providers: readonly string[];
    log: StateLog;
  }) {
    this.#store = options.store;
    this.#cooldowns = options.cooldowns;
    this.#providers = options.providers;
    this.#log = options.log;
    this.#store.listen((event) => this.#received(event));
  }

  /** Shares a cooldown that started on this replica. */
  started(cooldown: Cooldown): void {
    this.#pending.add(cooldown.provider);
    void this.#store.share(cooldown);
  }

  succeeded(id: string): void {
    if (!this.#pending.delete(id)) return;
    void this.#store.clear(id);
  }

  /** Counts a failure across the replicas, unless the reply's text told it ({@link isFromReplyText}). */
  failed(id: string, error: unknown): void {
    if (isFromReplyText(error)) return;
    this.#pending.add(id);
    void this.#store.countFailure(id).then((failures) => {
      this.#cooldowns.failedAcrossReplicas(id, failures, error);
    });
  }

  #received(event: CooldownEvent): void {
    switch (event.kind) {
      case 'started':
        this.#adopt(event.cooldown);
        return;
      case 'failed':
        this.#pending.add(event.provider);
        return;
      case 'cleared':
        this.#pending.delete(event.provider);
        this.#cooldowns.succeeded(event.provider);
        return;
      case 'reconnected':
        void this.#resynchronise();
        return;
    }
  }

  #adopt(cooldown: Cooldown): void {
    if (!this.#cooldowns.adopt(cooldown)) return;
    this.#pending.add(cooldown.provider);
    this.#log.warn(
      { ...cooldown, until: new Date(cooldown.until).toISOString() },
      'provider cooling down (shared by another replica)',
    );
  }

  /** Adopts the cooldowns in the store, then shares those in force here. */
  async #resynchronise(): Promise<void> {
    for (const cooldown of await this.#store.load(this.#providers)) this.#adopt(cooldown);
    for (const cooldown of this.#cooldowns.active()) void this.#store.share(cooldown);
  }
}
