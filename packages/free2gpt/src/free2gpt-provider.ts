import { type ProviderFactory, type ProviderSettings, providerFactory } from '@freechat/core';
import { type Free2GPTModelId, free2gptDefinition } from './free2gpt-definition.js';

/** Settings of createFree2GPT: every field of core's ProviderSettings (baseURL, proxy, timeouts, …). */
export interface Free2GPTSettings extends ProviderSettings {}

/**
 * Creates a Free2GPT client. Checks the settings at once (a bad base URL or proxy throws an
 * InvalidSettingError) and opens no connection until the first request.
 *
 * @example
 * const chat = createFree2GPT({ baseURL: 'https://my-mirror.example', timeout: 30_000 });
 * for await (const text of chat.stream({ messages: [{ role: 'user', content: 'Hi' }] })) {
 *   process.stdout.write(text);
 * }
 */
export const createFree2GPT: ProviderFactory<Free2GPTModelId, Free2GPTSettings> =
  providerFactory(free2gptDefinition);

/** A ready Free2GPT client with the default settings. Importing it opens no connection. */
export const free2gpt = createFree2GPT();
