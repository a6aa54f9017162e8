/** One server the sequential latency probe times. */
export interface SequentialTarget {
  url: string;
  headers: Record<string, string>;
  /** A header every response must carry (the key's `x-ratelimit-*` when it has limits). */
  requiredHeader: string | undefined;
}

/**
 * What the runner asks the sequential latency probe to do: one request at a time, each timed, taking
 * the targets in turn (request i to each of them before request i + 1), so that whatever else the
 * machine does at a moment weighs on every target alike.
 */
export interface SequentialJob {
  targets: SequentialTarget[];
  /** The body every request posts. */
  body: string;
  /** Requests timed per target, after `warmup` untimed ones. */
  count: number;
  warmup: number;
  /** The text each response's chat-completion events must carry. */
  text: string;
}

/** What the probe measured at one target. */
export interface SequentialTiming {
  /** Milliseconds from sending a request to the end of its response, with sub-millisecond resolution. */
  p50Ms: number;
  p99Ms: number;
  /** Responses that were not a 200 with the expected events and header, and requests that failed. */
  failures: number;
}

/** What the sequential latency probe answers: a timing per target, in the job's order. */
export interface SequentialReply {
  timings: SequentialTiming[];
}
