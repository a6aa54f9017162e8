import { type FallbackAttempt, FallbackError } from '../errors/fallback-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { ProviderError } from '../errors/provider-error.js';
import type { ChatRequest, Provider } from '../provider/provider.js';
import {
  boundedForComplete,
  type ProviderWithTools,
  withTools,
} from '../provider/provider-with-tools.js';
import { createOptionChecker } from '../settings/option-check.js';
import { ATTEMPT_ORDERS, type AttemptOrder, inAttemptOrder } from './random-order.js';

/** Options of {@link createFallback}. */
export interface FallbackOptions {
  /**
   * `ordered` (default): try the providers as listed; `random`: in a fresh random order on each
   * request, every order equally likely.
   */
  order?: AttemptOrder;
  /** The chain's id, used in its errors (default `fallback`). */
  id?: string;
}

/**
 * Makes one provider of several: each request tries them in turn until one produces text. Once text
 * has reached the caller there is no switching: a later failure surfaces as it is. When every provider
 * fails, a FallbackError lists each one's error.
 *
 * Its `complete()` bounds the reply at 16 MiB unless the request sets `maxReplyBytes`. A request with
 * tools goes through the prompt over the chain (`streamToolParts`): each of its replies may come from
 * another provider, and a corrective retry starts the chain again.
 *
 * A request that names a model goes only to the providers that serve it; with no model, each provider
 * uses its own default. An abort stops the chain at once.
 *
 * @example
 * const chat = createFallback([free2gpt, freegpt]);
 * for await (const text of chat.stream({ messages })) process.stdout.write(text);
 */
export function createFallback(
  providers: readonly Provider[],
  options: FallbackOptions = {},
): ProviderWithTools {
  const id = options.id ?? 'fallback';
  if (!Array.isArray(providers) || providers.length === 0) {
    throw new InvalidSettingError({
      owner: id,
      field: 'providers',
      message: 'expected at least one provider',
    });
  }
  const order = createOptionChecker(id).oneOf('order', options.order, ATTEMPT_ORDERS, 'ordered');
  const models = [...new Set(providers.flatMap((provider) => provider.models))];

  async function* stream(request: ChatRequest): AsyncGenerator<string, void, undefined> {
    const attempts: FallbackAttempt[] = [];
    for (const provider of inAttemptOrder(providers, order)) {
      request.signal?.throwIfAborted();
      const model = request.model;
      if (model && !provider.models.includes(model)) {
        const error = new ModelNotFoundError({
          provider: provider.id,
          model,
          models: provider.models,
        });
        attempts.push({ provider: provider.id, error });
        continue;
      }
      let delivered = false;
      try {
        for await (const text of provider.stream(request)) {
          delivered = true;
          yield text;
        }
        if (delivered) return;
        attempts.push({
          provider: provider.id,
          error: new ProviderError({ provider: provider.id, reason: 'the reply was empty' }),
        });
      } catch (error) {
        if (delivered || request.signal?.aborted || InvalidRequestError.isInstance(error)) {
          throw error;
        }
        attempts.push({ provider: provider.id, error });
      }
    }
    throw new FallbackError({ provider: id, attempts });
  }

  const first = providers[0]!;
  const info = {
    id,
    label: `Fallback (${providers.map((provider) => provider.label).join(', ')})`,
    url: first.url,
    lastKnownUp: providers.some((provider) => provider.lastKnownUp),
    supportsSystemMessage: providers.every((provider) => provider.supportsSystemMessage),
    defaultModel: first.defaultModel,
    models,
    baseURLs: [],
    async close() {
      await Promise.all(providers.map((provider) => provider.close()));
    },
  };
  return withTools(info, {
    stream,
    completeStream: boundedForComplete(stream),
  });
}
