import type { FastifyInstance } from 'fastify';
import type { StateStatus } from '../state/server-state.js';

/** The body of `GET /healthz`. */
export interface HealthStatus {
  /** Always `ok` while the server accepts requests (it answers 503 while shutting down). */
  status: 'ok';
  /** Seconds since the server was created. */
  uptime: number;
  /** The state's backend (`memory` or `redis`) and whether it answers now. */
  state: StateStatus;
}

/**
 * Registers `GET /healthz`: the process is up and accepting requests, and where its state stands
 * (a Redis that cannot be used is not a failure: the server runs on its own state meanwhile). It
 * never calls a provider.
 */
export function registerHealthRoute(
  fastify: FastifyInstance,
  stateStatus: () => StateStatus,
): void {
  const started = performance.now();
  fastify.get(
    '/healthz',
    async (): Promise<HealthStatus> => ({
      status: 'ok',
      uptime: Math.round((performance.now() - started) / 1000),
      state: stateStatus(),
    }),
  );
}
