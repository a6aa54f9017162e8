import type { FastifyInstance } from 'fastify';
import { modelNotFound } from '../http/http-error.js';
import type { ModelCatalog, ModelEntry } from './model-catalog.js';

/** One model in OpenAI's shape. `created` is 0: the sites do not say when a model appeared. */
export interface ModelObject {
  /** `provider/model`, or a bare model id (served by a fallback chain). */
  id: string;
  /** Always `model`. */
  object: 'model';
  /** Unix seconds; 0, since the sites do not say when a model appeared. */
  created: number;
  /** The provider's id, or `freechat` for a bare model id. */
  owned_by: string;
}

/** The body of `GET /v1/models`. */
export interface ModelList {
  object: 'list';
  data: ModelObject[];
}

/**
 * Registers `GET /v1/models` (every `provider/model`, then every bare model id) and
 * `GET /v1/models/{model}` (one of them, or 404 `model_not_found`).
 */
export function registerModelsRoutes(fastify: FastifyInstance, catalog: ModelCatalog): void {
  const models = catalog.list().map(toModelObject);
  const body: ModelList = { object: 'list', data: models };
  fastify.get('/v1/models', async () => body);
  fastify.get<{ Params: { '*': string } }>('/v1/models/*', async (request) => {
    const id = request.params['*'];
    const model = models.find((candidate) => candidate.id === id);
    if (model === undefined) throw modelNotFound(id);
    return model;
  });
}

function toModelObject(entry: ModelEntry): ModelObject {
  return { id: entry.id, object: 'model', created: 0, owned_by: entry.ownedBy };
}
