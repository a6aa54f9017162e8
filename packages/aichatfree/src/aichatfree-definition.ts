import { convertToGeminiMessages, defineProvider, lastMessageContent } from '@freechat/core';

const url = 'https://aichatfree.info';

/** The models AIChatFree serves, plus any other string. */
export type AIChatFreeModelId = 'gemini-1.5-pro' | (string & {});

/**
 * AIChatFree, described for the core's streaming base: Gemini-form messages (a system message is sent
 * as the user's), the last message's content signed.
 */
export const aichatfreeDefinition = defineProvider<AIChatFreeModelId>({
  id: 'aichatfree',
  label: 'AIChatFree',
  url,
  baseURL: url,
  working: false,
  supportsStream: true,
  supportsMessageHistory: true,
  supportsSystemMessage: false,
  defaultModel: 'gemini-1.5-pro',
  models: ['gemini-1.5-pro'],
  headers: {
    'user-agent':
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:122.0) Gecko/20100101 Firefox/122.0',
    accept: '*/*',
    'accept-language': 'en-US,en;q=0.5',
    origin: url,
    referer: `${url}/`,
  },
  timeUnit: 'milliseconds',
  secret: '',
  toRequestMessages: convertToGeminiMessages,
  toSignedText: lastMessageContent,
  rateLimit: { status: 500, bodyIncludes: 'Quota exceeded' },
});
