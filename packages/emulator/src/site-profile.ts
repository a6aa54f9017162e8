import type { SiteId } from './site-id.js';

/**
 * How a site expects `messages`: `openai` is `[{role, content}]`, `gemini` is
 * `[{role: 'user' | 'model', parts: [{text}]}]`, and `gemini-flattened` is one Gemini `user` message
 * holding the whole conversation flattened by `formatPrompt`.
 */
export type MessageForm = 'openai' | 'gemini' | 'gemini-flattened';

/** The wire facts of one site that the emulator enforces (see PROVIDERS.md). */
export interface SiteProfile {
  /** The site's display name, used in replies. */
  name: string;
  /** The unit of the body's `time` field. */
  timeUnit: 'milliseconds' | 'seconds';
  /** The secret appended to the signed string. */
  secret: string;
  /** The form of the body's `messages`. */
  messageForm: MessageForm;
  /**
   * How the site says its quota is used up: an HTTP 500 saying `Quota exceeded`, a 200 whose whole body
   * is a fixed text, or `none` known (the `quota` fault then plays a plain 500, as `server-error` does).
   */
  quotaSignal: 'status-500' | 'text-200' | 'none';
  /** The path of each API base under the emulator's root, first one being the site's main base. */
  basePaths: readonly string[];
}

/** GPROChat's signing secret, appended to every signed string. */
export const GPROCHAT_SECRET = '2BC120D4-BB36-1B60-26DE-DB630472A3D8';

/** The text FreeGpt sends, with status 200, when the region's daily quota is used up. */
export const FREEGPT_QUOTA_TEXT = '当前地区当日额度已消耗完';

/** The wire facts of every site. */
export const SITE_PROFILES: Readonly<Record<SiteId, SiteProfile>> = {
  free2gpt: {
    name: 'Free2GPT',
    timeUnit: 'milliseconds',
    secret: '',
    messageForm: 'openai',
    quotaSignal: 'status-500',
    basePaths: ['/free2gpt'],
  },
  aichatfree: {
    name: 'AIChatFree',
    timeUnit: 'milliseconds',
    secret: '',
    messageForm: 'gemini',
    quotaSignal: 'status-500',
    basePaths: ['/aichatfree'],
  },
  gprochat: {
    name: 'GPROChat',
    timeUnit: 'milliseconds',
    secret: GPROCHAT_SECRET,
    messageForm: 'gemini-flattened',
    quotaSignal: 'none',
    basePaths: ['/gprochat'],
  },
  freegpt: {
    name: 'FreeGpt',
    timeUnit: 'seconds',
    secret: '',
    messageForm: 'openai',
    quotaSignal: 'text-200',
    basePaths: ['/freegpt/s', '/freegpt/v', '/freegpt/al', '/freegpt/u4'],
  },
};
