import type { Provider } from '@freechat/core';
import type { FastifyInstance } from 'fastify';
import type { ProviderStatus, ProviderStatusBoard } from './server-provider-status.js';

/** One provider in `GET /v1/providers`: its metadata and what the server last saw of it. */
export interface ProviderEntry {
  id: string;
  object: 'provider';
  label: string;
  url: string;
  /** The project's last known status of the real site (static metadata). */
  working: boolean;
  supportsStream: boolean;
  supportsMessageHistory: boolean;
  supportsSystemMessage: boolean;
  defaultModel: string;
  models: readonly string[];
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
        id: provider.id,
        object: 'provider',
        label: provider.label,
        url: provider.url,
        working: provider.working,
        supportsStream: provider.supportsStream,
        supportsMessageHistory: provider.supportsMessageHistory,
        supportsSystemMessage: provider.supportsSystemMessage,
        defaultModel: provider.defaultModel,
        models: provider.models,
        baseURLs: provider.baseURLs,
        status: board.get(provider.id),
      })),
    }),
  );
}
