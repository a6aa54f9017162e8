import type { Counter, Gauge, Registry } from 'prom-client';

/** One label set of a metric and its value, in a plain number. */
export interface Series<LABEL extends string> {
  readonly labels: Readonly<Record<LABEL, string>>;
  value: number;
}

/**
 * The values of a prom-client counter or gauge kept per label set in plain numbers, and copied into
 * the metric only when it is scraped (from its `collect`). prom-client checks, hashes and looks up the
 * labels on every `inc`; a caller here looks a series up once (by a key it builds) and then adds to a
 * number, which is what a metric counted on every request should cost.
 */
export class SeriesValues<LABEL extends string> {
  readonly #series = new Map<string, Series<LABEL>>();

  /** The series of `labels` (created at 0); `key` must tell label sets apart. */
  series(key: string, labels: Readonly<Record<LABEL, string>>): Series<LABEL> {
    let series = this.#series.get(key);
    if (series === undefined) {
      series = { labels, value: 0 };
      this.#series.set(key, series);
    }
    return series;
  }

  /** Sets `counter` to these values: call it from the counter's `collect`. */
  copyToCounter(counter: Counter<LABEL>): void {
    counter.reset();
    for (const { labels, value } of this.#series.values()) counter.inc(labels, value);
  }

  /** Sets `gauge` to these values: call it from the gauge's `collect`. */
  copyToGauge(gauge: Gauge<LABEL>): void {
    for (const { labels, value } of this.#series.values()) gauge.set(labels, value);
  }
}

/** One label set of a {@link SeriesHistogram}: its observations, counted per bucket. */
export class HistogramSeries<LABEL extends string> {
  readonly labels: Readonly<Record<LABEL, string>>;
  /** Observations per bucket (not cumulative), the last one above every bound. */
  readonly counts: number[];
  readonly #bounds: readonly number[];
  sum = 0;
  count = 0;

  constructor(labels: Readonly<Record<LABEL, string>>, bounds: readonly number[]) {
    this.labels = labels;
    this.#bounds = bounds;
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  /** Counts one observation. */
  observe(value: number): void {
    const bounds = this.#bounds;
    let bucket = 0;
    while (bucket < bounds.length && value > bounds[bucket]!) bucket++;
    this.counts[bucket]! += 1;
    this.sum += value;
    this.count += 1;
  }

  /** Forgets every observation. */
  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }
}

/** A value of a metric as prom-client's registry formats it. */
interface ExportedValue {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/**
 * A Prometheus histogram registered in a prom-client registry, whose label sets are looked up once
 * (see {@link SeriesValues}): observing costs a bucket search and three additions. Exposed exactly as
 * prom-client's own histogram is (`_bucket` with `le` first, `+Inf`, `_sum`, `_count`).
 */
export class SeriesHistogram<LABEL extends string> {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, HistogramSeries<LABEL>>();

  constructor(options: {
    name: string;
    help: string;
    buckets: readonly number[];
    registry: Registry;
  }) {
    this.name = options.name;
    this.help = options.help;
    this.#bounds = options.buckets;
    // The registry needs only what this class has: a name, `get()` and `reset()`.
    options.registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** The series of `labels` (created empty); `key` must tell label sets apart. */
  series(key: string, labels: Readonly<Record<LABEL, string>>): HistogramSeries<LABEL> {
    let series = this.#series.get(key);
    if (series === undefined) {
      series = new HistogramSeries(labels, this.#bounds);
      this.#series.set(key, series);
    }
    return series;
  }

  /** The metric as prom-client's registry reads it. */
  async get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: ExportedValue[];
  }> {
    const values: ExportedValue[] = [];
    const bucket = `${this.name}_bucket`;
    for (const series of this.#series.values()) {
      let cumulative = 0;
      this.#bounds.forEach((bound, index) => {
        cumulative += series.counts[index]!;
        values.push({
          metricName: bucket,
          labels: { le: bound, ...series.labels },
          value: cumulative,
        });
      });
      values.push(
        { metricName: bucket, labels: { le: '+Inf', ...series.labels }, value: series.count },
        { metricName: `${this.name}_sum`, labels: { ...series.labels }, value: series.sum },
        { metricName: `${this.name}_count`, labels: { ...series.labels }, value: series.count },
      );
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    };
  }

  /** Forgets every observation (prom-client's `registry.resetMetrics()`); the series stay. */
  reset(): void {
    for (const series of this.#series.values()) series.reset();
  }
}
