import { defineProvider, lastMessageContent, toPlainMessages } from '@freechat/core';

const url = 'https://chat10.free2gpt.xyz';

/** The models Free2GPT serves, plus any other string (the site may add some). */
export type Free2GPTModelId = 'gemini-1.5-pro' | 'gemini-1.5-flash' | (string & {});

/** Free2GPT, described for the core's streaming base: its wire facts and nothing else. */
export const free2gptDefinition = defineProvider<Free2GPTModelId>({
  id: 'free2gpt',
  label: 'Free2GPT',
  url,
  baseURL: url,
  working: true,
  supportsStream: true,
  supportsMessageHistory: true,
  supportsSystemMessage: false,
  defaultModel: 'gemini-1.5-pro',
  models: ['gemini-1.5-pro', 'gemini-1.5-flash'],
  headers: {
    'user-agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
    accept: '*/*',
    'accept-language': 'en-US,en;q=0.9',
    origin: url,
    referer: `${url}/`,
  },
  timeUnit: 'milliseconds',
  secret: '',
  toRequestMessages: toPlainMessages,
  toSignedText: lastMessageContent,
  rateLimit: { status: 500, bodyIncludes: 'Quota exceeded' },
});
