import type { FastifyInstance } from 'fastify';
import { invalidRequest } from '../http/http-error.js';
import type { InputItemsQuery, StoredResponses } from './stored-responses.js';

/** The query of `GET /v1/responses/{id}/input_items`, as it arrives (strings). */
interface RawInputItemsQuery {
  limit?: string;
  order?: string;
  after?: string;
}

/**
 * Registers the stored Responses' routes, each answering only the key that created the Response:
 * `GET /v1/responses/{id}` (the Response object), `DELETE /v1/responses/{id}` (`{id, object:
 * "response", deleted: true}`) and `GET /v1/responses/{id}/input_items` (a page of the items that
 * made it: `limit` 1–100, default 20; `order` `asc` or `desc`; `after` an item id).
 */
export function registerStoredResponsesRoutes(
  fastify: FastifyInstance,
  responses: StoredResponses,
): void {
  fastify.get<{ Params: { id: string } }>('/v1/responses/:id', async (request) => {
    return (await responses.get(request, request.params.id)).response;
  });
  fastify.delete<{ Params: { id: string } }>('/v1/responses/:id', async (request) => {
    await responses.delete(request, request.params.id);
    return { id: request.params.id, object: 'response', deleted: true };
  });
  fastify.get<{ Params: { id: string }; Querystring: RawInputItemsQuery }>(
    '/v1/responses/:id/input_items',
    async (request) =>
      responses.inputItems(request, request.params.id, readInputItemsQuery(request.query)),
  );
}

/**
 * Checks the query of `input_items`.
 *
 * @throws HttpError 400 naming the parameter.
 */
function readInputItemsQuery(query: RawInputItemsQuery): InputItemsQuery {
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  if (!/^\d+$/.test(query.limit ?? '20') || limit < 1 || limit > 100) {
    throw invalidRequest('limit', `Invalid 'limit': expected a whole number from 1 to 100.`);
  }
  const order = query.order ?? 'asc';
  if (order !== 'asc' && order !== 'desc') {
    throw invalidRequest('order', `Invalid 'order': expected "asc" or "desc".`);
  }
  return { limit, order, after: query.after };
}
