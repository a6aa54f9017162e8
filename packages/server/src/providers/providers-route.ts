import type { Provider } from '@freechat/core';
import type { FastifyInstance } from 'fastify';
import { describeProvider } from './provider-info.js';
import type { ProviderStatus, ProviderStatusBoard } from './provider-status.js';

/** One provider in `GET /v1/providers`: its metadata and what the server last saw of it. */
export interface ProviderEntry {
  /** The provider's id (`free2gpt`, …): a model name on its own. */
  id: string;
  /** Always `provider`. */
  object: 'provider';
  /** Display name. */
  label: string;
  /** The site's address. */
  url: string;
  /** The project's last known status of the real site (static metadata). */
  lastKnownUp: boolean;
  /** Whether a system message reaches the model as one. */
  supportsSystemMessage: boolean;
  /** The model used for the provider id alone. */
  defaultModel: string;
  /** The models it serves. */
  models: readonly string[];
  /** The API base URLs (mirrors) it sends to. */
  baseURLs: readonly string[];
  /** What this server saw on its last request through the provider. */
  status: ProviderStatus;
}

/** The body of `GET /v1/providers`. */
export interface ProviderList {
  object: 'list';
  data: ProviderEntry[];
}

/** Registers `GET /v1/providers`. */
export function registerProvidersRoute(
  fastify: FastifyInstance,
  providers: readonly Provider[],
  board: ProviderStatusBoard,
): void {
  fastify.get(
    '/v1/providers',
    async (): Promise<ProviderList> => ({
      object: 'list',
      data: providers.map((provider) => ({
        object: 'provider',
        ...describeProvider(provider),
        status: board.get(provider.id),
      })),
    }),
  );
}
