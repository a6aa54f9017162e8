/** What the runner asks the first-text process to time. */
export interface FirstTextJob {
  /** The chat completions URL. */
  url: string;
  /** The request bodies to compare, each asking for a streamed completion. */
  bodies: { name: string; body: string }[];
  /** Untimed requests of each body before the timed ones. */
  warmup: number;
  /** Timed requests of each body. */
  samples: number;
  /** The text every reply must carry. */
  text: string;
}

/** What the first-text process answers, for each body in the job's order. */
export interface FirstTextReply {
  results: {
    name: string;
    /** Milliseconds from sending the request to the first text of the reply, at the median. */
    p50Ms: number;
    /** Replies whose text was not the expected one, and failed requests. */
    failures: number;
  }[];
}
