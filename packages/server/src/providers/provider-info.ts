import type { Provider, ProviderInfo } from '@freechat/core';

/** What the server shows and forwards of a provider: its metadata and its base URLs. */
export type ProviderDescription = ProviderInfo & { baseURLs: readonly string[] };

/** A provider's metadata and base URLs, copied into a plain object. */
export function describeProvider(provider: Provider): ProviderDescription {
  return {
    id: provider.id,
    label: provider.label,
    url: provider.url,
    lastKnownUp: provider.lastKnownUp,
    supportsSystemMessage: provider.supportsSystemMessage,
    defaultModel: provider.defaultModel,
    models: provider.models,
    baseURLs: provider.baseURLs,
  };
}
