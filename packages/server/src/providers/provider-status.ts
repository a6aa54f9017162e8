import { type ChatRequest, InvalidRequestError, type Provider } from '@freechat/core';
import { wrapProvider } from '@freechat/core/internal';
import type { CooldownReason, ProviderCooldowns } from './provider-cooldowns.js';

/** What the server last saw of a provider, from the requests it sent through it. */
export interface ProviderStatus {
  /**
   * `unknown` before any request, `up` after text arrived, `down` after a failure, `cooling_down`
   * while fallback chains skip it (see `cooldown`).
   */
  state: 'unknown' | 'up' | 'down' | 'cooling_down';
  /** When that was seen (ISO 8601), or null. */
  checkedAt: string | null;
  /** The last failure's message while `down` or `cooling_down`, else null. */
  error: string | null;
  /** While it cools down: until when (ISO 8601) and why; else null. */
  cooldown: { until: string; reason: CooldownReason } | null;
}

/** Told of every outcome of a request through a tracked provider. */
export interface ProviderOutcomeObserver {
  /** Text arrived from the provider. */
  succeeded(id: string): void;
  /** The provider failed (not an abort, not the caller's own mistake). */
  failed(id: string, error: unknown): void;
}

/** What a request saw, with its time kept as a number: formatted only when the status is read. */
interface ObservedStatus {
  state: 'up' | 'down';
  checkedAt: number;
  error: string | null;
}

/**
 * Keeps each provider's last known status. `track(provider)` returns a provider that records, on
 * every request, whether text arrived or the request failed (an abort records nothing), and tells
 * the observers (the cooldowns, the metrics).
 */
export class ProviderStatusBoard {
  readonly #statuses = new Map<string, ObservedStatus>();
  readonly #cooldowns: ProviderCooldowns;
  readonly #observers: readonly ProviderOutcomeObserver[];
  readonly #clock: () => number;

  constructor(options: {
    cooldowns: ProviderCooldowns;
    observers: readonly ProviderOutcomeObserver[];
    clock: () => number;
  }) {
    this.#cooldowns = options.cooldowns;
    this.#observers = options.observers;
    this.#clock = options.clock;
  }

  /** The last known status of the provider with this id, with its cooldown if any. */
  get(id: string): ProviderStatus {
    const observed = this.#statuses.get(id);
    const status: Omit<ProviderStatus, 'cooldown'> =
      observed === undefined
        ? { state: 'unknown', checkedAt: null, error: null }
        : { ...observed, checkedAt: new Date(observed.checkedAt).toISOString() };
    const cooldown = this.#cooldowns.get(id);
    if (cooldown === undefined) return { ...status, cooldown: null };
    return {
      ...status,
      state: 'cooling_down',
      error: status.error ?? cooldown.error,
      cooldown: { until: new Date(cooldown.until).toISOString(), reason: cooldown.reason },
    };
  }

  /** A provider that behaves like `provider` and records its outcomes here. */
  track(provider: Provider): Provider {
    const board = this.#statuses;
    const observers = this.#observers;
    const clock = this.#clock;
    const record = (status: ObservedStatus) => board.set(provider.id, status);
    // A plain iterator rather than an async generator, and no async function either: every streamed
    // chunk passes through here, and once text has arrived a chunk costs one `catch` on core's promise.
    const stream = (request: ChatRequest): AsyncGenerator<string, void, undefined> => {
      const upstream = provider.stream(request);
      let delivered = false;
      const firstResult = (result: IteratorResult<string, void>) => {
        if (!delivered && !result.done) {
          delivered = true;
          record({ state: 'up', checkedAt: clock(), error: null });
          for (const observer of observers) observer.succeeded(provider.id);
        }
        return result;
      };
      const failure = (error: unknown): never => {
        // The caller's own mistakes and aborts say nothing about the site.
        if (!request.signal?.aborted && !InvalidRequestError.isInstance(error)) {
          const message = error instanceof Error ? error.message : String(error);
          record({ state: 'down', checkedAt: clock(), error: message });
          for (const observer of observers) observer.failed(provider.id, error);
        }
        throw error;
      };
      const tracked: AsyncGenerator<string, void, undefined> = {
        next() {
          const pending = upstream.next();
          return delivered ? pending.catch(failure) : pending.then(firstResult).catch(failure);
        },
        return: (value) => upstream.return(value),
        throw: (error) => upstream.throw(error),
        [Symbol.asyncIterator]() {
          return tracked;
        },
      };
      return tracked;
    };
    return wrapProvider(provider, { stream });
  }
}
