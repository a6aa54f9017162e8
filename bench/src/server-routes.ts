import type { ClientResult } from './bench-report.js';
import type { LoadJob, LoadReply } from './load-job.js';
import { BENCH_MESSAGES } from './signed-request.js';

/** What autocannon posts to the server and what each answer must carry, for one route. */
export type RouteRequest = Pick<LoadJob, 'url' | 'headers' | 'body' | 'expect'>;

/** One route of the server S6 measures, and the row it reports as. */
export interface ServerRoute {
  /** The row: `server` (chat completions) or `server-messages` (Anthropic's Messages). */
  client: string;
  /** The request, for the server at `serverURL`, whose streamed answer must carry `text`. */
  request(serverURL: string, text: string): RouteRequest;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * The server's two streaming routes: chat completions, the row the floor's ladder compares, and
 * Anthropic's Messages, the same conversation as a streamed message.
 */
export const SERVER_ROUTES: readonly ServerRoute[] = [
  {
    client: 'server',
    request: (serverURL, text) => ({
      url: `${serverURL}/v1/chat/completions`,
      headers: JSON_HEADERS,
      body: JSON.stringify({ model: 'free2gpt', stream: true, messages: BENCH_MESSAGES }),
      expect: { format: 'openai-events', text },
    }),
  },
  {
    client: 'server-messages',
    request: (serverURL, text) => ({
      url: `${serverURL}/v1/messages`,
      headers: JSON_HEADERS,
      body: JSON.stringify({
        model: 'free2gpt',
        max_tokens: 4096,
        stream: true,
        messages: BENCH_MESSAGES,
      }),
      expect: { format: 'anthropic-events', text },
    }),
  },
];

/**
 * One route's measured phases added up: CPU per request is the phases' CPU over their requests
 * (the server's, then the emulator's), req/s their requests over their time, p50 and p99 the
 * median of the phases'.
 */
export class RouteTotals {
  readonly #client: string;
  #requests = 0;
  #seconds = 0;
  #failures = 0;
  #serverCpuMs: number | undefined = 0;
  #upstreamCpuMs: number | undefined = 0;
  readonly #p50: number[] = [];
  readonly #p99: number[] = [];
  #error: string | undefined;

  constructor(client: string) {
    this.#client = client;
  }

  /** Adds one phase: the load process's reply for the server's and the emulator's pids, in that order. */
  add(reply: LoadReply): void {
    this.#requests += reply.requests;
    if (reply.requestsPerSecond > 0) this.#seconds += reply.requests / reply.requestsPerSecond;
    this.#failures += reply.failures;
    const [server, upstream] = reply.cpuMs;
    this.#serverCpuMs = sum(this.#serverCpuMs, server);
    this.#upstreamCpuMs = sum(this.#upstreamCpuMs, upstream);
    this.#p50.push(reply.p50Ms);
    this.#p99.push(reply.p99Ms);
  }

  /** Records a phase that could not run; the route's result reports it. */
  fail(error: string): void {
    this.#error ??= error;
  }

  /** The route's row. */
  result(): ClientResult {
    if (this.#error !== undefined || this.#requests === 0) {
      return {
        client: this.#client,
        metrics: {},
        wrongAnswers: this.#failures,
        error: this.#error ?? 'no request completed',
      };
    }
    const metrics: Record<string, number> = {
      requestsPerSecond: this.#requests / this.#seconds,
      p50Ms: median(this.#p50),
      p99Ms: median(this.#p99),
    };
    if (this.#serverCpuMs !== undefined) {
      metrics.cpuPerRequestUs = (this.#serverCpuMs * 1000) / this.#requests;
    }
    if (this.#upstreamCpuMs !== undefined) {
      metrics.upstreamCpuPerRequestUs = (this.#upstreamCpuMs * 1000) / this.#requests;
    }
    return { client: this.#client, metrics, wrongAnswers: this.#failures };
  }
}

/** A running total that becomes undefined once a part of it is unknown (no `/proc`). */
function sum(total: number | undefined, part: number | undefined): number | undefined {
  return total === undefined || part === undefined ? undefined : total + part;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
