import { DEFAULT_MAX_REPLY_BYTES } from '../settings/resolve-settings.js';
import { type ChatRequest, collectText, type Provider } from './provider.js';

/** What a wrapper puts in place of a provider's own: its stream. */
export interface ProviderWrapping<MODEL extends string = string> {
  /** The wrapped stream, which calls the provider's own (or refuses without it). */
  stream(request: ChatRequest<MODEL>): AsyncGenerator<string, void, undefined>;
}

/**
 * A provider that is `provider` with its stream replaced: its info fields and base URLs copied,
 * `complete()` the collected text of the new stream bounded at 16 MiB (`DEFAULT_MAX_REPLY_BYTES`)
 * unless the request sets `maxReplyBytes`, as every provider's `complete()` is, and `close()` the
 * provider's. The one way to wrap a provider, so that no wrapper forgets a field or the bound.
 *
 * @example
 * const counted = wrapProvider(provider, {
 *   stream: (request) => { calls++; return provider.stream(request); },
 * });
 */
export function wrapProvider<MODEL extends string>(
  provider: Provider<MODEL>,
  { stream }: ProviderWrapping<MODEL>,
): Provider<MODEL> {
  return {
    id: provider.id,
    label: provider.label,
    url: provider.url,
    lastKnownUp: provider.lastKnownUp,
    supportsSystemMessage: provider.supportsSystemMessage,
    defaultModel: provider.defaultModel,
    models: provider.models,
    baseURLs: provider.baseURLs,
    stream,
    complete: (request) =>
      collectText(
        stream({ ...request, maxReplyBytes: request.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES }),
      ),
    close: () => provider.close(),
  };
}
