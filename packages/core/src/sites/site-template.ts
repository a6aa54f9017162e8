import { convertToGeminiMessages } from '../messages/gemini-message.js';
import { lastMessageContent, type Message, toPlainMessages } from '../messages/message.js';
import type { RateLimitSignals, ResponseSignal, TimeUnit } from './provider-definition.js';

/** The two open-source site templates every supported site runs. */
export type TemplateId = 'gemini-pro-chat' | 'chatgpt-demo';

/** The template ids, for checks and help texts. */
export const TEMPLATE_IDS: readonly TemplateId[] = ['gemini-pro-chat', 'chatgpt-demo'];

/** What a site template's server expects and answers, as its own front end speaks to it. */
export interface SiteTemplate {
  /** `gemini-pro-chat` or `chatgpt-demo`. */
  readonly id: TemplateId;
  /** The template's name: `GeminiProChat` or `chatgpt-demo`. */
  readonly label: string;
  /** The body's `messages` field, from the conversation. */
  readonly toRequestMessages: (messages: readonly Message[]) => unknown;
  /** The text that is signed, from the conversation. */
  readonly toSignedText: (messages: readonly Message[]) => string;
  /** The `content-type` its front end sends. */
  readonly contentType: string;
  /** The unit of `time` its front end sends. */
  readonly timeUnit: TimeUnit;
  /** Whether its front end's `origin`/`referer` are sent. */
  readonly originHeaders: boolean;
  /** Whether a system message reaches the model as one. */
  readonly supportsSystemMessage: boolean;
  /** How a deployment shows a spent quota. */
  readonly rateLimit: RateLimitSignals;
  /** How a deployment shows that its own model API key is refused. */
  readonly misconfiguration: readonly ResponseSignal[];
  /** What a Node deployment appends to a reply when its model fails mid-reply. */
  readonly failureTail: string;
}

const FRONT_END_CONTENT_TYPE = 'text/plain;charset=UTF-8';
const FAILURE_TAIL = 'Internal server error';

/**
 * The templates as data. GeminiProChat sends Gemini-form messages (a system message goes as the
 * user's) and reports a spent Gemini quota as a 500 containing `Quota exceeded`; chatgpt-demo sends
 * the conversation as given and passes the model API's own status through, so a spent OpenAI quota is
 * a 429 containing `insufficient_quota`. A deployment whose model API key is refused answers its
 * template's way too: GeminiProChat a 500 relaying Gemini's `API key not valid`, chatgpt-demo the
 * OpenAI API's 401 `invalid_api_key` passed through. Both sign the last message's content.
 */
export const SITE_TEMPLATES: Readonly<Record<TemplateId, SiteTemplate>> = {
  'gemini-pro-chat': {
    id: 'gemini-pro-chat',
    label: 'GeminiProChat',
    toRequestMessages: convertToGeminiMessages,
    toSignedText: lastMessageContent,
    contentType: FRONT_END_CONTENT_TYPE,
    timeUnit: 'milliseconds',
    originHeaders: true,
    supportsSystemMessage: false,
    rateLimit: { spentQuota: [{ status: 500, bodyIncludes: 'Quota exceeded' }] },
    misconfiguration: [{ status: 500, bodyIncludes: 'API key not valid' }],
    failureTail: FAILURE_TAIL,
  },
  'chatgpt-demo': {
    id: 'chatgpt-demo',
    label: 'chatgpt-demo',
    toRequestMessages: toPlainMessages,
    toSignedText: lastMessageContent,
    contentType: FRONT_END_CONTENT_TYPE,
    timeUnit: 'milliseconds',
    originHeaders: true,
    supportsSystemMessage: true,
    rateLimit: { spentQuota: [{ status: 429, bodyIncludes: 'insufficient_quota' }] },
    misconfiguration: [{ status: 401, bodyIncludes: 'invalid_api_key' }],
    failureTail: FAILURE_TAIL,
  },
};
