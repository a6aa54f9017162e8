/** What the runner asks the sequential latency process to do: one request at a time, each timed. */
export interface SequentialJob {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Requests timed, after `warmup` untimed ones. */
  count: number;
  warmup: number;
  /** The text each response's chat-completion events must carry. */
  text: string;
  /** A header every response must carry (the key's `x-ratelimit-*` when it has limits). */
  requiredHeader: string | undefined;
}

/** What the sequential latency process answers. */
export interface SequentialReply {
  /** Milliseconds from sending a request to the end of its response, with sub-millisecond resolution. */
  p50Ms: number;
  p99Ms: number;
  /** Responses that were not a 200 with the expected events and header, and requests that failed. */
  failures: number;
}
