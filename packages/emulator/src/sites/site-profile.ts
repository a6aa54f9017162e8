import type { TemplateId } from '@freechat/core';
import { SITE_IDS, type SiteId } from './site-id.js';

/**
 * How strict mode checks `messages`: `openai` is `[{role, content}]`, `gemini` is
 * `[{role: 'user' | 'model', parts: [{text}]}]`, and `gemini-flattened` is one Gemini `user` message
 * holding the whole conversation flattened by `formatPrompt` (GPROChat).
 */
export type MessageForm = 'openai' | 'gemini' | 'gemini-flattened';

/**
 * How a deployment answers the `quota` fault: as its template relays the model API's spent quota
 * (`template`), with GeminiProChat's 500 whatever its template (`gemini-500`, Free2GPT's modified fork),
 * or with a 200 whose whole body is a fixed text (`text-200`, FreeGpt).
 */
export type QuotaForm = 'template' | 'gemini-500' | 'text-200';

/**
 * Everything the emulator knows of one deployment: its template and its few quirks (the README's
 * "The sites" table lists them for each site).
 */
export interface SiteProfile {
  /** The display name, used in replies. */
  name: string;
  /** The template the deployment runs. */
  template: TemplateId;
  /** The signing secret (`PUBLIC_SECRET_KEY`), appended to every signed string. */
  secret: string;
  /** The site password list (`SITE_PASSWORD`, comma-separated), or `undefined` when none is set. */
  password: string | undefined;
  /** The unit strict mode expects `time` in (the templates themselves take any `time`). */
  timeUnit: 'milliseconds' | 'seconds';
  /** The message form strict mode expects. */
  messageForm: MessageForm;
  /** How the `quota` fault is answered. */
  quota: QuotaForm;
  /** The path of each API base under the emulator's root, first one being the main base. */
  basePaths: readonly string[];
}

/** GPROChat's signing secret, appended to every signed string. */
export const GPROCHAT_SECRET = '2BC120D4-BB36-1B60-26DE-DB630472A3D8';

/** The text FreeGpt sends, with status 200, when the region's daily quota is used up. */
export const FREEGPT_QUOTA_TEXT = '当前地区当日额度已消耗完';

/** The four built-in sites, as deployments of their templates with their quirks. */
export const SITE_PROFILES: Readonly<Record<SiteId, SiteProfile>> = {
  free2gpt: {
    name: 'Free2GPT',
    template: 'chatgpt-demo',
    secret: '',
    password: undefined,
    timeUnit: 'milliseconds',
    messageForm: 'openai',
    quota: 'gemini-500',
    basePaths: ['/free2gpt'],
  },
  aichatfree: {
    name: 'AIChatFree',
    template: 'gemini-pro-chat',
    secret: '',
    password: undefined,
    timeUnit: 'milliseconds',
    messageForm: 'gemini',
    quota: 'template',
    basePaths: ['/aichatfree'],
  },
  gprochat: {
    name: 'GPROChat',
    template: 'gemini-pro-chat',
    secret: GPROCHAT_SECRET,
    password: undefined,
    timeUnit: 'milliseconds',
    messageForm: 'gemini-flattened',
    quota: 'template',
    basePaths: ['/gprochat'],
  },
  freegpt: {
    name: 'FreeGpt',
    template: 'chatgpt-demo',
    secret: '',
    password: undefined,
    timeUnit: 'seconds',
    messageForm: 'openai',
    quota: 'text-200',
    basePaths: ['/freegpt/s', '/freegpt/v', '/freegpt/al', '/freegpt/u4'],
  },
};

/** The template each built-in site runs. */
export const SITE_TEMPLATE = Object.fromEntries(
  SITE_IDS.map((site) => [site, SITE_PROFILES[site].template]),
) as Readonly<Record<SiteId, TemplateId>>;
