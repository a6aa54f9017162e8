import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Cooldown } from '../providers/provider-cooldowns.js';
import type { ProviderOutcomeObserver } from '../providers/provider-status.js';
import {
  type HistogramSeries,
  type Series,
  SeriesHistogram,
  SeriesValues,
} from './metric-series.js';

/** The `provider` label of a request that reached no provider (a 404, a bad body, `/v1/models`). */
const NO_PROVIDER = 'none';

/** The `route` label of a request that matched no route. */
const NO_ROUTE = 'unmatched';

/** Seconds: from 5 ms to 2 minutes, for the time to the first text and the request duration. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The series every request of one route and provider adds to, looked up once per request; each is
 * created when first used, so a scrape shows only what happened (as prom-client's own metrics do).
 */
interface RequestSeries {
  /** `route provider` */
  key: string;
  labels: { route: string; provider: string };
  duration?: HistogramSeries<'route' | 'provider'>;
  firstText?: HistogramSeries<'route' | 'provider'>;
  streams?: Series<'route'>;
  /** `freechat_requests_total`'s series by status code. */
  byStatus: Map<number, Series<'route' | 'status' | 'provider'>>;
}

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
 *
 * What every request counts is kept in plain numbers per label set (see `metric-series.ts`)
 * and handed to prom-client when scraped: its own `inc` and `observe` check and hash the labels each
 * time, several microseconds per request.
 */
export class ServerMetrics implements ProviderOutcomeObserver {
  /** The registry to expose. */
  readonly registry = new Registry();
  readonly #requests = new SeriesValues<'route' | 'status' | 'provider'>();
  readonly #duration: SeriesHistogram<'route' | 'provider'>;
  readonly #firstText: SeriesHistogram<'route' | 'provider'>;
  readonly #streams = new SeriesValues<'route'>();
  readonly #upstream = new SeriesValues<'provider' | 'outcome'>();
  readonly #upstreamErrors: Counter<'provider' | 'class'>;
  readonly #cooldowns: Counter<'provider' | 'reason'>;
  /** The series of each route and provider (key: `route provider`). */
  readonly #series = new Map<string, RequestSeries>();
  /** The series of each request that reached a provider (`routeOptions` builds an object per read). */
  readonly #requestSeries = new WeakMap<FastifyRequest, RequestSeries>();

  /**
   * @param providerIds the providers, for the cooldown gauge.
   * @param coolingDown whether a provider cools down right now (read at each scrape).
   */
  constructor(providerIds: readonly string[], coolingDown: (id: string) => boolean) {
    const registers = [this.registry];
    const requests = this.#requests;
    new Counter({
      name: 'freechat_requests_total',
      help: 'HTTP requests answered, by route, status and the provider the model name named.',
      labelNames: ['route', 'status', 'provider'],
      registers,
      collect() {
        requests.copyToCounter(this);
      },
    });
    this.#duration = new SeriesHistogram({
      name: 'freechat_request_duration_seconds',
      help: 'Time from receiving a request to the end of its response.',
      buckets: LATENCY_BUCKETS,
      registry: this.registry,
    });
    this.#firstText = new SeriesHistogram({
      name: 'freechat_time_to_first_text_seconds',
      help: "Time from receiving a request to its reply's first text from the provider.",
      buckets: LATENCY_BUCKETS,
      registry: this.registry,
    });
    const streams = this.#streams;
    new Gauge({
      name: 'freechat_streams_in_flight',
      help: 'Streamed replies being written.',
      labelNames: ['route'],
      registers,
      collect() {
        streams.copyToGauge(this);
      },
    });
    const upstream = this.#upstream;
    new Counter({
      name: 'freechat_upstream_requests_total',
      help: 'Requests sent to a provider, by outcome: text arrived (success) or it failed (failure).',
      labelNames: ['provider', 'outcome'],
      registers,
      collect() {
        upstream.copyToCounter(this);
      },
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
    // A callback hook and an `on` listener: no promise per request, and no `once` wrapper removing
    // itself from the response's listeners while 'close' is emitted.
    fastify.addHook('onRequest', (request, reply, done) => {
      const started = performance.now();
      reply.raw.on('close', () => {
        const series = this.#seriesOf(request);
        this.#statusSeries(series, reply.raw.statusCode).value += 1;
        series.duration ??= this.#duration.series(series.key, series.labels);
        series.duration.observe((performance.now() - started) / 1000);
      });
      done();
    });
  }

  /** Labels the request with the provider its model name named. */
  setProvider(request: FastifyRequest, provider: string): void {
    this.#requestSeries.set(
      request,
      this.#seriesFor(request.routeOptions.url ?? NO_ROUTE, provider),
    );
  }

  /** Records the time to the reply's first text. */
  firstText(request: FastifyRequest, seconds: number): void {
    const series = this.#seriesOf(request);
    series.firstText ??= this.#firstText.series(series.key, series.labels);
    series.firstText.observe(seconds);
  }

  /** Counts a stream in flight; call the returned function once it is over. */
  streamStarted(request: FastifyRequest): () => void {
    const series = this.#seriesOf(request);
    const route = series.labels.route;
    series.streams ??= this.#streams.series(route, { route });
    const streams = series.streams;
    streams.value += 1;
    return () => {
      streams.value -= 1;
    };
  }

  /** Records a cooldown. */
  cooldownStarted(cooldown: Cooldown): void {
    this.#cooldowns.inc({ provider: cooldown.provider, reason: cooldown.reason });
  }

  succeeded(id: string): void {
    this.#upstream.series(`${id} success`, { provider: id, outcome: 'success' }).value += 1;
  }

  failed(id: string, error: unknown): void {
    this.#upstream.series(`${id} failure`, { provider: id, outcome: 'failure' }).value += 1;
    const name = error instanceof Error ? error.name : typeof error;
    this.#upstreamErrors.inc({ provider: id, class: name });
  }

  #seriesOf(request: FastifyRequest): RequestSeries {
    return (
      this.#requestSeries.get(request) ??
      this.#seriesFor(request.routeOptions.url ?? NO_ROUTE, NO_PROVIDER)
    );
  }

  #seriesFor(route: string, provider: string): RequestSeries {
    const key = `${route} ${provider}`;
    let series = this.#series.get(key);
    if (series === undefined) {
      series = { key, labels: { route, provider }, byStatus: new Map() };
      this.#series.set(key, series);
    }
    return series;
  }

  #statusSeries(series: RequestSeries, status: number): Series<'route' | 'status' | 'provider'> {
    let counter = series.byStatus.get(status);
    if (counter === undefined) {
      const { route, provider } = series.labels;
      counter = this.#requests.series(`${route} ${status} ${provider}`, {
        route,
        status: String(status),
        provider,
      });
      series.byStatus.set(status, counter);
    }
    return counter;
  }
}
