import { defineSite, SITE_TEMPLATES } from '@freechat/core';

/**
 * The model labels a Free2GPT request may name. A label is never sent: the site alone decides which
 * model answers. Any other string is refused (ModelNotFoundError).
 */
export type Free2GPTModelId = 'gemini-1.5-pro' | 'gemini-1.5-flash';

/**
 * Free2GPT, described for the core's streaming base: a modified chatgpt-demo whose model is Gemini (no
 * system role; a spent quota is a 500 containing `Quota exceeded`), with Chrome 127's headers. Not
 * working since 2025-07.
 */
export const free2gptDefinition = defineSite<Free2GPTModelId>(SITE_TEMPLATES['chatgpt-demo'], {
  id: 'free2gpt',
  label: 'Free2GPT',
  url: 'https://chat10.free2gpt.xyz',
  lastKnownUp: false,
  supportsSystemMessage: false,
  defaultModel: 'gemini-1.5-pro',
  models: ['gemini-1.5-pro', 'gemini-1.5-flash'],
  headers: {
    'user-agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
    accept: '*/*',
    'accept-language': 'en-US,en;q=0.9',
  },
  rateLimit: { spentQuota: [{ status: 500, bodyIncludes: 'Quota exceeded' }] },
});
