import { defineSite } from '../src/sites/define-site.js';
import { SITE_TEMPLATES } from '../src/sites/site-template.js';

/**
 * A provider definition for core's own tests: chatgpt-demo with a user agent, a 500 `Quota exceeded`
 * and two whole spent-quota replies (one the start of the other, as FreeGpt's) added, no secret.
 */
export const testDefinition = defineSite<string>(SITE_TEMPLATES['chatgpt-demo'], {
  id: 'test',
  label: 'Test',
  url: 'https://test.invalid',
  lastKnownUp: true,
  supportsSystemMessage: false,
  defaultModel: 'model-a',
  models: ['model-a', 'model-b'],
  headers: { 'user-agent': 'test-agent' },
  rateLimit: {
    spentQuota: [{ status: 500, bodyIncludes: 'Quota exceeded' }],
    replyTexts: ['额度已消耗完', '额度已消耗完, 请换网络'],
  },
});
