import { defineSite, formatPrompt, type GeminiMessage, SITE_TEMPLATES } from '@freechat/core';

/**
 * The model labels a GPROChat request may name. A label is never sent: the site alone decides which
 * model answers. Any other string is refused (ModelNotFoundError).
 */
export type GPROChatModelId = 'gemini-1.5-pro';

/** GPROChat's signing secret, from its front end. */
export const GPROCHAT_SECRET = '2BC120D4-BB36-1B60-26DE-DB630472A3D8';

/**
 * GPROChat, described for the core's streaming base: GeminiProChat with the conversation flattened by
 * `formatPrompt` into one Gemini user message, that same text signed with the site's secret, and
 * Chrome 129's headers.
 */
export const gprochatDefinition = defineSite<GPROChatModelId>(SITE_TEMPLATES['gemini-pro-chat'], {
  id: 'gprochat',
  label: 'GPROChat',
  url: 'https://gprochat.com',
  lastKnownUp: false,
  defaultModel: 'gemini-1.5-pro',
  models: ['gemini-1.5-pro'],
  headers: {
    accept: '*/*',
    'user-agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
  },
  secret: GPROCHAT_SECRET,
  toRequestMessages: (messages): GeminiMessage[] => [
    { role: 'user', parts: [{ text: formatPrompt(messages) }] },
  ],
  toSignedText: formatPrompt,
});
