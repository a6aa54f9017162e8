import { type ProviderFactory, type ProviderSettings, providerFactory } from '@freechat/core';
import { type FreeGptModelId, freegptDefinition } from './freegpt-definition.js';

/** Settings of createFreeGpt: every field of core's ProviderSettings (baseURL, proxy, timeouts, …). */
export interface FreeGptSettings extends ProviderSettings {}

/**
 * Creates a FreeGpt client. Checks the settings at once (a bad base URL or proxy throws an
 * InvalidSettingError) and opens no connection until the first request.
 *
 * @example
 * const chat = createFreeGpt({ baseURL: 'https://my-mirror.example', timeout: 30_000 });
 * for await (const text of chat.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
 *   process.stdout.write(text);
 * }
 */
export const createFreeGpt: ProviderFactory<FreeGptModelId, FreeGptSettings> =
  providerFactory(freegptDefinition);

/** A ready FreeGpt client with the default settings. Importing it opens no connection. */
export const freegpt = createFreeGpt();
