import { lastMessageContent, toPlainMessages } from './message.js';
import { defineProvider } from './provider-definition.js';

/** A provider definition for core's own tests: OpenAI-style messages, milliseconds, no secret. */
export const testDefinition = defineProvider<string>({
  id: 'test',
  label: 'Test',
  url: 'https://test.invalid',
  baseURL: 'https://test.invalid',
  working: true,
  supportsStream: true,
  supportsMessageHistory: true,
  supportsSystemMessage: false,
  defaultModel: 'model-a',
  models: ['model-a', 'model-b'],
  headers: { origin: 'https://test.invalid', 'user-agent': 'test-agent' },
  timeUnit: 'milliseconds',
  secret: '',
  toRequestMessages: toPlainMessages,
  toSignedText: lastMessageContent,
  rateLimit: { status: 500, bodyIncludes: 'Quota exceeded', replyText: '额度已消耗完' },
});
