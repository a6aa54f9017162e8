/** What the runner asks the load process (autocannon) to do. */
export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Seconds of the measured run, after a warm-up of `warmupSeconds`. */
  duration: number;
  /** A number of requests to make instead of running for `duration`. */
  amount: number | undefined;
  warmupSeconds: number;
  /**
   * What each response body must be: the reply text itself, server-sent events carrying it (OpenAI's
   * chat completion chunks, or Anthropic's message events), or OpenAI's events carrying exactly these
   * tool calls (their JSON, `[{name, arguments}]`).
   */
  expect:
    | { format: 'text' | 'openai-events' | 'anthropic-events'; text: string }
    | { format: 'openai-tool-calls'; calls: string };
  /** Processes whose CPU time (`/proc/<pid>/stat`) to report for the measured run. */
  cpuPids: number[];
  /**
   * Requests per second over all connections, held steady (autocannon's `overallRate`); unset: each
   * connection sends its next request as soon as the last is answered.
   */
  overallRate?: number;
}

/** What the load process answers. */
export interface LoadReply {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Bodies that were not the expected reply, plus non-2xx answers, errors and timeouts. */
  failures: number;
  /** CPU milliseconds each of `cpuPids` used during the measured run (undefined without `/proc`). */
  cpuMs: (number | undefined)[];
}
