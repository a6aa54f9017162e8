import type { KeyLimitName } from './server-state.js';

/** What the limits' names say in a message: OpenAI's words for the first and last. */
const LIMIT_WORDS: Record<KeyLimitName, string> = {
  requests_per_minute: 'requests per min (RPM)',
  concurrent_requests: 'concurrent requests',
  tokens_per_day: 'tokens per day (TPD)',
};

/**
 * A request refused by its key's limits, with what any API needs to answer it: the facts, a message,
 * and the headers (`retry-after`, `retry-after-ms` and OpenAI's `x-ratelimit-*`).
 */
export class KeyLimitRefusal {
  /** The key's name (never the key). */
  readonly keyName: string;
  /** The limit it is over. */
  readonly limit: KeyLimitName;
  /** That limit's value. */
  readonly value: number;
  /** Milliseconds until a request of the key would be admitted again. */
  readonly retryAfterMs: number;
  /** `tokens` for the tokens per day, else `requests`: OpenAI's error `type`. */
  readonly kind: 'requests' | 'tokens';
  /** The response headers. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(options: {
    keyName: string;
    limit: KeyLimitName;
    value: number;
    retryAfterMs: number;
    rateLimitHeaders: Record<string, string>;
  }) {
    this.keyName = options.keyName;
    this.limit = options.limit;
    this.value = options.value;
    this.retryAfterMs = Math.max(Math.ceil(options.retryAfterMs), 1);
    this.kind = options.limit === 'tokens_per_day' ? 'tokens' : 'requests';
    this.headers = {
      ...options.rateLimitHeaders,
      'retry-after': String(Math.ceil(this.retryAfterMs / 1000)),
      'retry-after-ms': String(this.retryAfterMs),
    };
  }

  /** For a person: which key, which limit, and when to try again. */
  get message(): string {
    return (
      `Rate limit reached for key '${this.keyName}' on ${LIMIT_WORDS[this.limit]}: ` +
      `Limit ${this.value}. Please try again in ${formatWait(this.retryAfterMs)}.`
    );
  }
}

/**
 * How one API answers a refused request: the error to throw, which its route's error handling turns
 * into that API's 429 (OpenAI's `{"error": {…}}`, Anthropic's `{"type": "error", …}`).
 */
export type RateLimitShape = (refusal: KeyLimitRefusal) => Error;

function formatWait(milliseconds: number): string {
  return milliseconds < 1000 ? `${milliseconds}ms` : `${Math.ceil(milliseconds / 1000)}s`;
}
