import type { Message } from '../messages/message.js';
import type { ProviderDefinition, RateLimitSignals, TimeUnit } from './provider-definition.js';
import type { SiteTemplate } from './site-template.js';

/** What one site adds to its template: who it is, and where it departs from the template. */
export interface SiteFacts<MODEL extends string> {
  /** Stable lowercase id. */
  readonly id: string;
  /** Display name. */
  readonly label: string;
  /** The site's address, for people. */
  readonly url: string;
  /** The last known status of the real site. */
  readonly lastKnownUp: boolean;
  /** The model used when a request names none. */
  readonly defaultModel: MODEL;
  /** The models a request may name (never sent). */
  readonly models: readonly MODEL[];
  /** The API base URL or mirrors; default `url`. */
  readonly baseURL?: string | readonly string[];
  /** The front end's headers besides content type and origin (default none). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The signing secret; default `''`. */
  readonly secret?: string;
  /** Overrides the template's `time` unit. */
  readonly timeUnit?: TimeUnit;
  /** Overrides the template's content type. */
  readonly contentType?: string;
  /** Overrides whether `origin`/`referer` are sent. */
  readonly originHeaders?: boolean;
  /** Overrides the template's message form. */
  readonly toRequestMessages?: (messages: readonly Message[]) => unknown;
  /** Overrides the template's signed text. */
  readonly toSignedText?: (messages: readonly Message[]) => string;
  /** Overrides whether a system message reaches the model as one. */
  readonly supportsSystemMessage?: boolean;
  /** Spent-quota signs added to the template's (`spentQuota`), and whole quota replies (`replyTexts`). */
  readonly rateLimit?: RateLimitSignals;
}

/**
 * A provider definition from a site template and the site's own facts: the template gives the message
 * form, signed text, content type, time unit, origin headers, quota signs, misconfiguration signs and
 * failure tail; the facts name the site and override what it changed.
 *
 * @example
 * export const mySite = defineSite(SITE_TEMPLATES['gemini-pro-chat'], {
 *   id: 'mine', label: 'Mine', url: 'https://chat.example', lastKnownUp: true,
 *   defaultModel: 'default', models: ['default'],
 * });
 */
export function defineSite<const MODEL extends string>(
  template: SiteTemplate,
  facts: SiteFacts<MODEL>,
): ProviderDefinition<MODEL> {
  const spentQuota = [
    ...(template.rateLimit.spentQuota ?? []),
    ...(facts.rateLimit?.spentQuota ?? []),
  ];
  const replyTexts = facts.rateLimit?.replyTexts ?? template.rateLimit.replyTexts;
  return {
    id: facts.id,
    label: facts.label,
    url: facts.url,
    lastKnownUp: facts.lastKnownUp,
    supportsSystemMessage: facts.supportsSystemMessage ?? template.supportsSystemMessage,
    defaultModel: facts.defaultModel,
    models: facts.models,
    baseURL: facts.baseURL ?? facts.url,
    headers: facts.headers ?? {},
    contentType: facts.contentType ?? template.contentType,
    originHeaders: facts.originHeaders ?? template.originHeaders,
    timeUnit: facts.timeUnit ?? template.timeUnit,
    secret: facts.secret ?? '',
    toRequestMessages: facts.toRequestMessages ?? template.toRequestMessages,
    toSignedText: facts.toSignedText ?? template.toSignedText,
    rateLimit: replyTexts === undefined ? { spentQuota } : { spentQuota, replyTexts },
    misconfiguration: template.misconfiguration,
    failureTail: template.failureTail,
  };
}
