import type { Message } from '../messages/message.js';
import type { ProviderInfo } from '../provider/provider.js';

/** The unit of the request's `time` field. */
export type TimeUnit = 'milliseconds' | 'seconds';

/** A failed response recognised by its status and a text its body contains. */
export interface ResponseSignal {
  /** The HTTP status, e.g. 500 (GeminiProChat's `Quota exceeded`) or 429 (a passed-through API's). */
  readonly status: number;
  /** Text the body contains, e.g. `Quota exceeded` or `insufficient_quota`. */
  readonly bodyIncludes: string;
}

/** How a site shows that its quota is spent, beyond a plain HTTP 429 (which is a short-term limit). */
export interface RateLimitSignals {
  /** Failed responses that mean a spent quota; checked before any other mapping. */
  readonly spentQuota?: readonly ResponseSignal[];
  /**
   * A successful reply that is, whole, one of these texts is a spent quota (FreeGpt's). The start of a
   * reply is held back only while it could still be one of them, and goes to the caller as text once
   * the reply continues past them all: the same words followed by more are the model's.
   */
  readonly replyTexts?: readonly string[];
}

/**
 * A provider, described declaratively: what it is and what its site expects. The core's streaming base
 * does all the HTTP; a definition holds no HTTP code. Write one with `defineSite`.
 */
export interface ProviderDefinition<MODEL extends string = string> extends ProviderInfo<MODEL> {
  /** The default API base URL, or a list of mirrors. */
  readonly baseURL: string | readonly string[];
  /**
   * Headers the site's front end sends, besides `content-type` (`contentType`) and `origin`/`referer`
   * (`originHeaders`), which the base sets.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** The `content-type` the site's front end sends. */
  readonly contentType: string;
  /**
   * Whether the front end's `origin` and `referer` are sent: they name the site each request actually
   * goes to (`{origin}` and `{baseURL}/`), so they follow an overridden base URL.
   */
  readonly originHeaders: boolean;
  /** The unit of the `time` field. */
  readonly timeUnit: TimeUnit;
  /** The signing secret. */
  readonly secret: string;
  /** Builds the body's `messages` field from the conversation. */
  readonly toRequestMessages: (messages: readonly Message[]) => unknown;
  /** The text that is signed, from the conversation. */
  readonly toSignedText: (messages: readonly Message[]) => string;
  /** How the site shows a spent quota. */
  readonly rateLimit?: RateLimitSignals;
  /**
   * Failed responses that mean the deployment itself is misconfigured (its model API refuses the
   * deployment's own API key): a SiteMisconfiguredError, never retried on the same site.
   */
  readonly misconfiguration?: readonly ResponseSignal[];
  /**
   * The text a deployment appends to a reply when its model fails mid-reply (`Internal server error`):
   * never shown as reply text; the stream ends with a ModelFailedMidReplyError instead.
   */
  readonly failureTail?: string;
}
