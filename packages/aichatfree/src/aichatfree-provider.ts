import { type ProviderFactory, type ProviderSettings, providerFactory } from '@freechat/core';
import { type AIChatFreeModelId, aichatfreeDefinition } from './aichatfree-definition.js';

/** Settings of createAIChatFree: every field of core's ProviderSettings (baseURL, proxy, timeouts, …). */
export interface AIChatFreeSettings extends ProviderSettings {}

/**
 * Creates an AIChatFree client. Checks the settings at once (a bad base URL or proxy throws an
 * InvalidSettingError) and opens no connection until the first request.
 *
 * @example
 * const chat = createAIChatFree({ baseURL: 'https://my-mirror.example', timeout: 30_000 });
 * for await (const text of chat.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
 *   process.stdout.write(text);
 * }
 */
export const createAIChatFree: ProviderFactory<AIChatFreeModelId, AIChatFreeSettings> =
  providerFactory(aichatfreeDefinition);

/** A ready AIChatFree client with the default settings. Importing it opens no connection. */
export const aichatfree = createAIChatFree();
