export type { ChatRequest, Message, Provider } from '@freechat/core';
export {
  GPROCHAT_SECRET,
  type GPROChatModelId,
  gprochatDefinition,
} from './gprochat-definition.js';
export { createGPROChat, type GPROChatSettings, gprochat } from './gprochat-provider.js';
