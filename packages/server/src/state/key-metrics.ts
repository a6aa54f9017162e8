import { Counter, Gauge, type Registry } from 'prom-client';
import { type Series, SeriesValues } from '../monitoring/metric-series.js';
import type { KeyLimitName, StateStatus } from './server-state.js';

/** The usage series of one key, looked up once per key. */
export interface KeyUsage {
  readonly requests: Series<'name'>;
  readonly tokens: Series<'name'>;
}

/**
 * The metrics of keys and state, labelled by the key's name (never the key), in the server's
 * registry; each replica counts what it served:
 *
 * - `freechat_key_requests_total{name}`: requests admitted;
 * - `freechat_key_rate_limited_total{name,limit}`: requests refused, by the limit
 *   (`requests_per_minute`, `concurrent_requests`, `tokens_per_day`);
 * - `freechat_key_tokens_total{name}`: estimated tokens of the replies (prompt and reply);
 * - `freechat_state_backend_up`: 1 while the state's backend answers, 0 while this replica runs on
 *   its own state because Redis cannot be used.
 */
export class KeyMetrics {
  readonly #requests = new SeriesValues<'name'>();
  readonly #tokens = new SeriesValues<'name'>();
  readonly #refused: Counter<'name' | 'limit'>;
  readonly #usage = new Map<string, KeyUsage>();

  constructor(registry: Registry, status: () => StateStatus) {
    const registers = [registry];
    const requests = this.#requests;
    new Counter({
      name: 'freechat_key_requests_total',
      help: "Requests admitted, by the API key's name.",
      labelNames: ['name'],
      registers,
      collect() {
        requests.copyToCounter(this);
      },
    });
    const tokens = this.#tokens;
    new Counter({
      name: 'freechat_key_tokens_total',
      help: "Estimated tokens (prompt and reply) of the replies, by the API key's name.",
      labelNames: ['name'],
      registers,
      collect() {
        tokens.copyToCounter(this);
      },
    });
    this.#refused = new Counter({
      name: 'freechat_key_rate_limited_total',
      help: "Requests refused over a key's limit, by the key's name and the limit.",
      labelNames: ['name', 'limit'],
      registers,
    });
    new Gauge({
      name: 'freechat_state_backend_up',
      help: "Whether the state's backend answers (1), or this replica runs on its own state (0).",
      registers,
      collect() {
        this.set(status().up ? 1 : 0);
      },
    });
  }

  /** The usage series of the key with this name. */
  usage(name: string): KeyUsage {
    let usage = this.#usage.get(name);
    if (usage === undefined) {
      usage = {
        requests: this.#requests.series(name, { name }),
        tokens: this.#tokens.series(name, { name }),
      };
      this.#usage.set(name, usage);
    }
    return usage;
  }

  /** Counts a request refused over `limit`. */
  refused(name: string, limit: KeyLimitName): void {
    this.#refused.inc({ name, limit });
  }
}
