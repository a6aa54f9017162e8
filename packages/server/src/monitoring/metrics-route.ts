import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from './metrics.js';

/**
 * Registers `GET /metrics`: the Prometheus text exposition of the server's own registry. With
 * `publicMetrics`, it is answered without the API key.
 */
export function registerMetricsRoute(
  fastify: FastifyInstance,
  metrics: ServerMetrics,
  publicMetrics: boolean,
): void {
  fastify.get('/metrics', { config: { withoutApiKey: publicMetrics } }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
