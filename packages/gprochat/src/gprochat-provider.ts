import { type ProviderFactory, type ProviderSettings, providerFactory } from '@freechat/core';
import { type GPROChatModelId, gprochatDefinition } from './gprochat-definition.js';

/** Settings of createGPROChat: every field of core's ProviderSettings (baseURL, proxy, timeouts, …). */
export interface GPROChatSettings extends ProviderSettings {}

/**
 * Creates a GPROChat client. Checks the settings at once (a bad base URL or proxy throws an
 * InvalidSettingError) and opens no connection until the first request.
 *
 * @example
 * const chat = createGPROChat({ baseURL: 'https://my-mirror.example', timeout: 30_000 });
 * for await (const text of chat.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
 *   process.stdout.write(text);
 * }
 */
export const createGPROChat: ProviderFactory<GPROChatModelId, GPROChatSettings> =
  providerFactory(gprochatDefinition);

/** A ready GPROChat client with the default settings. Importing it opens no connection. */
export const gprochat = createGPROChat();
