import type { Message } from './message.js';
import type { ProviderInfo } from './provider.js';

/** The unit of the request's `time` field. */
export type TimeUnit = 'milliseconds' | 'seconds';

/** How a site shows that its quota is spent, beyond a plain HTTP 429. */
export interface RateLimitSignals {
  /** A response with this status whose body contains `bodyIncludes` is a spent quota. */
  status?: number;
  /** See `status`. */
  bodyIncludes?: string;
  /**
   * A successful reply whose whole text equals this is a spent quota. The text is held back while the
   * reply could still be it, so the caller never sees it.
   */
  replyText?: string;
}

/**
 * A provider, described declaratively: what it is and what its site expects. The core's streaming base
 * does all the HTTP; a definition holds no HTTP code.
 */
export interface ProviderDefinition<MODEL extends string = string> extends ProviderInfo<MODEL> {
  /** The default API base URL, or a list of mirrors. */
  readonly baseURL: string | readonly string[];
  /** Headers the site's front end sends (besides `content-type`, which the base sets). */
  readonly headers: Readonly<Record<string, string>>;
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
}

/**
 * Declares a provider definition with its types checked; returns it unchanged.
 *
 * @example
 * export const exampleDefinition = defineProvider({ id: 'example', ... });
 */
export function defineProvider<const MODEL extends string>(
  definition: ProviderDefinition<MODEL>,
): ProviderDefinition<MODEL> {
  return definition;
}
