import { defineProvider, lastMessageContent, toPlainMessages } from '@freechat/core';

/** The models FreeGpt serves, plus any other string. */
export type FreeGptModelId = 'gemini-1.5-pro' | 'gemini-1.5-flash' | (string & {});

/** FreeGpt's API mirrors; a request starts at a random one and fails over to the next. */
export const FREEGPT_MIRRORS = [
  'https://s.aifree.site',
  'https://v.aifree.site',
  'https://al.aifree.site',
  'https://u4.aifree.site',
] as const;

/** The reply text FreeGpt sends, with status 200, when the region's quota for the day is spent. */
export const FREEGPT_QUOTA_TEXT = '当前地区当日额度已消耗完';

/**
 * FreeGpt, described for the core's streaming base: OpenAI-style messages with the system message
 * kept, `time` in seconds, four mirrors, and a spent quota that arrives as reply text.
 */
export const freegptDefinition = defineProvider<FreeGptModelId>({
  id: 'freegpt',
  label: 'FreeGpt',
  url: 'https://freegptsnav.aifree.site',
  baseURL: FREEGPT_MIRRORS,
  working: false,
  supportsStream: true,
  supportsMessageHistory: true,
  supportsSystemMessage: true,
  defaultModel: 'gemini-1.5-pro',
  models: ['gemini-1.5-pro', 'gemini-1.5-flash'],
  headers: {},
  timeUnit: 'seconds',
  secret: '',
  toRequestMessages: toPlainMessages,
  toSignedText: lastMessageContent,
  rateLimit: { replyText: FREEGPT_QUOTA_TEXT },
});
