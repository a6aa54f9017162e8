export type { ChatRequest, Message, Provider } from '@freechat/core';
export { type Free2GPTModelId, free2gptDefinition } from './free2gpt-definition.js';
export { createFree2GPT, type Free2GPTSettings, free2gpt } from './free2gpt-provider.js';
