import { createFallback, type Provider } from '@freechat/core';
import { modelNotFound } from '../http/http-error.js';
import type { ProviderCooldowns } from './provider-cooldowns.js';

/** What a model name resolves to: the provider to call and the model to ask it for. */
export interface ResolvedModel {
  /** The canonical name, echoed in responses: `provider/model`, or a bare model id. */
  name: string;
  /** A provider, or a fallback chain over the providers that serve a bare model id. */
  provider: Provider;
  /** The model to pass in the request. */
  model: string;
}

/** One entry of the model list. */
export interface ModelEntry {
  /** `provider/model` or a bare model id. */
  id: string;
  /** The provider id, or `freechat` for a bare model id served by a fallback chain. */
  ownedBy: string;
}

/**
 * The model names the server accepts, built once from the providers:
 *
 * - `provider/model` (`freegpt/gemini-1.5-pro`): that provider, that model;
 * - a provider id alone (`freegpt`): that provider, its default model;
 * - a bare model id (`gemini-1.5-pro`): a fallback chain over every provider that serves it, in the
 *   order the providers were given, skipping those that cool down (see {@link ProviderCooldowns}).
 */
export class ModelCatalog {
  readonly #providers = new Map<string, Provider>();
  readonly #chains = new Map<string, Provider>();

  constructor(providers: readonly Provider[], cooldowns?: ProviderCooldowns) {
    for (const provider of providers) this.#providers.set(provider.id, provider);
    const members = providers.map((provider) => cooldowns?.skipping(provider) ?? provider);
    const modelIds = [...new Set(providers.flatMap((provider) => provider.models))];
    for (const model of modelIds) {
      const serving = members.filter((provider) => provider.models.includes(model));
      this.#chains.set(model, createFallback(serving, { id: 'freechat' }));
    }
  }

  /**
   * Resolves a request's model name.
   *
   * @throws HttpError 404 `model_not_found` when nothing serves it.
   */
  resolve(name: string): ResolvedModel {
    const provider = this.#providers.get(name);
    if (provider !== undefined) {
      return { name: `${name}/${provider.defaultModel}`, provider, model: provider.defaultModel };
    }
    const slash = name.indexOf('/');
    if (slash > 0) {
      const owner = this.#providers.get(name.slice(0, slash));
      const model = name.slice(slash + 1);
      if (owner?.models.includes(model)) return { name, provider: owner, model };
      if (owner !== undefined) {
        throw modelNotFound(name, `${owner.id} serves ${owner.models.join(', ')}`);
      }
    }
    const chain = this.#chains.get(name);
    if (chain !== undefined) return { name, provider: chain, model: name };
    throw modelNotFound(name);
  }

  /** Every accepted name: each `provider/model` in provider order, then each bare model id. */
  list(): ModelEntry[] {
    const entries: ModelEntry[] = [];
    for (const provider of this.#providers.values()) {
      for (const model of provider.models) {
        entries.push({ id: `${provider.id}/${model}`, ownedBy: provider.id });
      }
    }
    for (const model of this.#chains.keys()) entries.push({ id: model, ownedBy: 'freechat' });
    return entries;
  }
}
