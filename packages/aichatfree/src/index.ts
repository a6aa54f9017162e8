export type { ChatRequest, Message, Provider } from '@freechat/core';
export { type AIChatFreeModelId, aichatfreeDefinition } from './aichatfree-definition.js';
export { type AIChatFreeSettings, aichatfree, createAIChatFree } from './aichatfree-provider.js';
