import { defineSite, SITE_TEMPLATES } from '@freechat/core';

/**
 * The model labels a FreeGpt request may name. A label is never sent: the site alone decides which
 * model answers. Any other string is refused (ModelNotFoundError).
 */
export type FreeGptModelId = 'gemini-1.5-pro' | 'gemini-1.5-flash';

/** FreeGpt's API mirrors; a request starts at a random one and fails over to the next. */
export const FREEGPT_MIRRORS = [
  'https://s.aifree.site',
  'https://v.aifree.site',
  'https://al.aifree.site',
  'https://u4.aifree.site',
] as const;

/**
 * The text FreeGpt replies with, with status 200, when the region's quota for the day is spent: alone,
 * or followed by `, 请尝试更换网络环境` (see {@link FREEGPT_QUOTA_REPLIES}).
 */
export const FREEGPT_QUOTA_TEXT = '当前地区当日额度已消耗完';

/**
 * FreeGpt's whole 200 replies that mean a spent quota. A reply is one of them only when it ends there:
 * the same words followed by more (a model asked to repeat them) are the model's answer.
 */
export const FREEGPT_QUOTA_REPLIES: readonly string[] = [
  FREEGPT_QUOTA_TEXT,
  `${FREEGPT_QUOTA_TEXT}, 请尝试更换网络环境`,
];

/** The headers of one current Chrome on Windows, as FreeGpt's original client impersonated. */
export const CHROME_HEADERS: Readonly<Record<string, string>> = {
  'user-agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  accept: '*/*',
  'accept-language': 'en-US,en;q=0.9',
  'sec-ch-ua': '"Chromium";v="142", "Google Chrome";v="142", "Not_A Brand";v="99"',
  'sec-ch-ua-mobile': '?0',
  'sec-ch-ua-platform': '"Windows"',
};

/**
 * FreeGpt, described for the core's streaming base: chatgpt-demo with `time` in seconds, JSON content
 * type, a Chrome's headers and no origin, four mirrors, and a spent quota that arrives as the whole
 * reply text.
 */
export const freegptDefinition = defineSite<FreeGptModelId>(SITE_TEMPLATES['chatgpt-demo'], {
  id: 'freegpt',
  label: 'FreeGpt',
  url: 'https://freegptsnav.aifree.site',
  baseURL: FREEGPT_MIRRORS,
  lastKnownUp: false,
  defaultModel: 'gemini-1.5-pro',
  models: ['gemini-1.5-pro', 'gemini-1.5-flash'],
  headers: CHROME_HEADERS,
  timeUnit: 'seconds',
  contentType: 'application/json',
  originHeaders: false,
  rateLimit: { replyTexts: FREEGPT_QUOTA_REPLIES },
});
