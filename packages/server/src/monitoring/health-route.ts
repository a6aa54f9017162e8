import type { FastifyInstance } from 'fastify';

/** The body of `GET /healthz`. */
export interface HealthStatus {
  /** Always `ok` while the server accepts requests (it answers 503 while shutting down). */
  status: 'ok';
  /** Seconds since the server was created. */
  uptime: number;
}

/** Registers `GET /healthz`: the process is up and accepting requests. It never calls a provider. */
export function registerHealthRoute(fastify: FastifyInstance): void {
  const started = performance.now();
  fastify.get(
    '/healthz',
    async (): Promise<HealthStatus> => ({
      status: 'ok',
      uptime: Math.round((performance.now() - started) / 1000),
    }),
  );
}
