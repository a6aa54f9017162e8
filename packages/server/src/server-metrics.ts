import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Cooldown } from './server-provider-cooldowns.js';
import type { ProviderOutcomeObserver } from './server-provider-status.js';

/** The `provider` label of a request that reached no provider (a 404, a bad body, `/v1/models`). */
const NO_PROVIDER = 'none';

/** The `route` label of a request that matched no route. */
const NO_ROUTE = 'unmatched';

/** Seconds: from 5 ms to 2 minutes, for the time to the first text and the request duration. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The server's Prometheus metrics, in a registry of its own (never prom-client's global one, so two
 * servers in one process count apart):
 *
 * - `freechat_requests_total{route,status,provider}` and
 *   `freechat_request_duration_seconds{route,provider}`: every HTTP request, once its response is over
 *   (or its client gone); `provider` is what the model name named: a provider id, `freechat` for a
 *   bare model id's fallback chain, `none` for a request that reached no provider;
 * - `freechat_time_to_first_text_seconds{route,provider}`: until the first text of a reply arrived;
 * - `freechat_streams_in_flight{route}`: streamed replies being written;
 * - `freechat_upstream_requests_total{provider,outcome}` (`success`, `failure`) and
 *   `freechat_upstream_errors_total{provider,class}` (the error's class: `RateLimitError`,
 *   `TimeoutError`, …): what each provider of a chain really did;
 * - `freechat_provider_cooling_down{provider}` (1 while it cools down, else 0) and
 *   `freechat_provider_cooldowns_total{provider,reason}`.
 */
export class ServerMetrics implements ProviderOutcomeObserver {
  /** The registry to expose. */
  readonly registry = new Registry();
  readonly #requests: Counter<'route' | 'status' | 'provider'>;
  readonly #duration: Histogram<'route' | 'provider'>;
  readonly #firstText: Histogram<'route' | 'provider'>;
  readonly #streams: Gauge<'route'>;
  readonly #upstream: Counter<'provider' | 'outcome'>;
  readonly #upstreamErrors: Counter<'provider' | 'class'>;
  readonly #cooldowns: Counter<'provider' | 'reason'>;
  readonly #providers = new WeakMap<FastifyRequest, string>();

  /**
   * @param providerIds the providers, for the cooldown gauge.
   * @param coolingDown whether a provider cools down right now (read at each scrape).
   */
  constructor(providerIds: readonly string[], coolingDown: (id: string) => boolean) {
    const registers = [this.registry];
    this.#requests = new Counter({
      name: 'freechat_requests_total',
      help: 'HTTP requests answered, by route, status and the provider the model name named.',
      labelNames: ['route', 'status', 'provider'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'freechat_request_duration_seconds',
      help: 'Time from receiving a request to the end of its response.',
      labelNames: ['route', 'provider'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#firstText = new Histogram({
      name: 'freechat_time_to_first_text_seconds',
      help: "Time from receiving a request to its reply's first text from the provider.",
      labelNames: ['route', 'provider'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#streams = new Gauge({
      name: 'freechat_streams_in_flight',
      help: 'Streamed replies being written.',
      labelNames: ['route'],
      registers,
    });
    this.#upstream = new Counter({
      name: 'freechat_upstream_requests_total',
      help: 'Requests sent to a provider, by outcome: text arrived (success) or it failed (failure).',
      labelNames: ['provider', 'outcome'],
      registers,
    });
    this.#upstreamErrors = new Counter({
      name: 'freechat_upstream_errors_total',
      help: "Provider failures by the error's class.",
      labelNames: ['provider', 'class'],
      registers,
    });
    this.#cooldowns = new Counter({
      name: 'freechat_provider_cooldowns_total',
      help: 'Cooldowns started, by provider and reason.',
      labelNames: ['provider', 'reason'],
      registers,
    });
    new Gauge({
      name: 'freechat_provider_cooling_down',
      help: 'Whether the provider cools down (skipped by fallback chains): 1 or 0.',
      labelNames: ['provider'],
      registers,
      collect() {
        for (const id of providerIds) this.set({ provider: id }, coolingDown(id) ? 1 : 0);
      },
    });
  }

  /** Counts every request of `fastify` once its response is over or its client gone. */
  observe(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request, reply) => {
      const started = performance.now();
      reply.raw.once('close', () => {
        const route = request.routeOptions.url ?? NO_ROUTE;
        const provider = this.#providers.get(request) ?? NO_PROVIDER;
        const status = String(reply.raw.statusCode);
        this.#requests.inc({ route, status, provider });
        this.#duration.observe({ route, provider }, (performance.now() - started) / 1000);
      });
    });
  }

  /** Labels the request with the provider its model name named. */
  setProvider(request: FastifyRequest, provider: string): void {
    this.#providers.set(request, provider);
  }

  /** Records the time to the reply's first text. */
  firstText(request: FastifyRequest, seconds: number): void {
    this.#firstText.observe(this.#labels(request), seconds);
  }

  /** Counts a stream in flight; call the returned function once it is over. */
  streamStarted(request: FastifyRequest): () => void {
    const labels = { route: request.routeOptions.url ?? NO_ROUTE };
    this.#streams.inc(labels);
    return () => this.#streams.dec(labels);
  }

  /** Records a cooldown. */
  cooldownStarted(cooldown: Cooldown): void {
    this.#cooldowns.inc({ provider: cooldown.provider, reason: cooldown.reason });
  }

  succeeded(id: string): void {
    this.#upstream.inc({ provider: id, outcome: 'success' });
  }

  failed(id: string, error: unknown): void {
    this.#upstream.inc({ provider: id, outcome: 'failure' });
    const name = error instanceof Error ? error.name : typeof error;
    this.#upstreamErrors.inc({ provider: id, class: name });
  }

  #labels(request: FastifyRequest): { route: string; provider: string } {
    return {
      route: request.routeOptions.url ?? NO_ROUTE,
      provider: this.#providers.get(request) ?? NO_PROVIDER,
    };
  }
}
