export type { ChatRequest, Message, Provider } from '@freechat/core';
export {
  CHROME_HEADERS,
  FREEGPT_MIRRORS,
  FREEGPT_QUOTA_REPLIES,
  FREEGPT_QUOTA_TEXT,
  type FreeGptModelId,
  freegptDefinition,
} from './freegpt-definition.js';
export { createFreeGpt, type FreeGptSettings, freegpt } from './freegpt-provider.js';
