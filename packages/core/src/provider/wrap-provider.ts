import type { ChatRequest, Provider } from './provider.js';
import { boundedForComplete, type ProviderWithTools, withTools } from './provider-with-tools.js';

/** What a wrapper puts in place of a provider's own: its stream. */
export interface ProviderWrapping<MODEL extends string = string> {
  /** The wrapped stream, which calls the provider's own (or refuses without it). */
  stream(request: ChatRequest<MODEL>): AsyncGenerator<string, void, undefined>;
}

/**
 * A provider that is `provider` with its stream replaced: its info fields and base URLs copied,
 * `complete()` the collected text of the new stream bounded at 16 MiB (`DEFAULT_MAX_REPLY_BYTES`)
 * unless the request sets `maxReplyBytes`, as every provider's `complete()` is, tools through the new
 * stream (`withTools`), and `close()` the provider's. The one way to wrap a provider, so that no
 * wrapper forgets a field or the bound.
 *
 * @example
 * const counted = wrapProvider(provider, {
 *   stream: (request) => { calls++; return provider.stream(request); },
 * });
 */
export function wrapProvider<MODEL extends string>(
  provider: Provider<MODEL>,
  { stream }: ProviderWrapping<MODEL>,
): ProviderWithTools<MODEL> {
  const info = {
    id: provider.id,
    label: provider.label,
    url: provider.url,
    lastKnownUp: provider.lastKnownUp,
    supportsSystemMessage: provider.supportsSystemMessage,
    defaultModel: provider.defaultModel,
    models: provider.models,
    baseURLs: provider.baseURLs,
    close: () => provider.close(),
  };
  return withTools(info, { stream, completeStream: boundedForComplete(stream) });
}
