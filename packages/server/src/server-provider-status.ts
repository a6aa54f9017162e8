import { type ChatRequest, collectText, InvalidRequestError, type Provider } from '@freechat/core';
import { describeProvider } from './server-provider-info.js';

/** What the server last saw of a provider, from the requests it sent through it. */
export interface ProviderStatus {
  /** `unknown` before any request, `up` after text arrived, `down` after a failure. */
  state: 'unknown' | 'up' | 'down';
  /** When that was seen (ISO 8601), or null. */
  checkedAt: string | null;
  /** The last failure's message while `down`, else null. */
  error: string | null;
}

/**
 * Keeps each provider's last known status. `track(provider)` returns a provider that records, on
 * every request, whether text arrived or the request failed (an abort records nothing).
 */
export class ProviderStatusBoard {
  readonly #statuses = new Map<string, ProviderStatus>();

  /** The last known status of the provider with this id. */
  get(id: string): ProviderStatus {
    return this.#statuses.get(id) ?? { state: 'unknown', checkedAt: null, error: null };
  }

  /** A provider that behaves like `provider` and records its outcomes here. */
  track(provider: Provider): Provider {
    const board = this.#statuses;
    const record = (status: ProviderStatus) => board.set(provider.id, status);
    // A plain iterator rather than an async generator: one await per chunk instead of a generator's
    // queue, since every streamed chunk passes through here.
    const stream = (request: ChatRequest): AsyncGenerator<string, void, undefined> => {
      const upstream = provider.stream(request);
      let delivered = false;
      const tracked: AsyncGenerator<string, void, undefined> = {
        async next() {
          try {
            const result = await upstream.next();
            if (!delivered && !result.done) {
              delivered = true;
              record({ state: 'up', checkedAt: now(), error: null });
            }
            return result;
          } catch (error) {
            // The caller's own mistakes and aborts say nothing about the site.
            if (!request.signal?.aborted && !InvalidRequestError.isInstance(error)) {
              const message = error instanceof Error ? error.message : String(error);
              record({ state: 'down', checkedAt: now(), error: message });
            }
            throw error;
          }
        },
        return: (value) => upstream.return(value),
        throw: (error) => upstream.throw(error),
        [Symbol.asyncIterator]() {
          return tracked;
        },
      };
      return tracked;
    };
    return {
      ...describeProvider(provider),
      stream,
      complete: (request) => collectText(stream(request)),
      close: () => provider.close(),
    };
  }
}

function now(): string {
  return new Date().toISOString();
}
