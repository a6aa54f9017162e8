import { defineSite, SITE_TEMPLATES } from '@freechat/core';

/**
 * The model labels a AIChatFree request may name. A label is never sent: the site alone decides which
 * model answers. Any other string is refused (ModelNotFoundError).
 */
export type AIChatFreeModelId = 'gemini-1.5-pro';

/**
 * AIChatFree, described for the core's streaming base: GeminiProChat as it is (Gemini-form messages, a
 * system message sent as the user's, the last message's content signed), with Firefox 122's headers.
 */
export const aichatfreeDefinition = defineSite<AIChatFreeModelId>(
  SITE_TEMPLATES['gemini-pro-chat'],
  {
    id: 'aichatfree',
    label: 'AIChatFree',
    url: 'https://aichatfree.info',
    lastKnownUp: false,
    defaultModel: 'gemini-1.5-pro',
    models: ['gemini-1.5-pro'],
    headers: {
      'user-agent':
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:122.0) Gecko/20100101 Firefox/122.0',
      accept: '*/*',
      'accept-language': 'en-US,en;q=0.5',
    },
  },
);
