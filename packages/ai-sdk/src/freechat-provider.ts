import { type LanguageModelV3, NoSuchModelError, type ProviderV3 } from '@ai-sdk/provider';
import type { Provider } from '@freechat/core';
import { FreechatLanguageModel } from './freechat-language-model.js';
import type { FreechatSettings } from './freechat-settings.js';

/**
 * A freechat provider as an AI SDK provider: call it with a model id (or none, for the provider's
 * default) to get a LanguageModelV3. It is also a ProviderV3, for `createProviderRegistry`; it has
 * language models only.
 */
export interface FreechatProvider<MODEL extends string = string> extends ProviderV3 {
  /**
   * The language model `modelId`, or the provider's default when it is absent or empty.
   *
   * @throws NoSuchModelError when the provider does not serve `modelId`.
   */
  (modelId?: MODEL): LanguageModelV3;
  /** The same as calling the provider. */
  languageModel(modelId: MODEL): LanguageModelV3;
}

/**
 * Wraps any freechat provider, or a `createFallback` chain, for the AI SDK (`ai`'s `streamText`,
 * `generateText`, …). An unknown model id throws a NoSuchModelError at once, when the model is
 * created, not at its first call. Creating it opens no connection.
 *
 * @example
 * import { freechat } from '@freechat/ai-sdk';
 * import { free2gpt } from '@freechat/free2gpt';
 * import { streamText } from 'ai';
 *
 * const result = streamText({ model: freechat(free2gpt)('gemini-1.5-pro'), prompt: 'Hello!' });
 * for await (const text of result.textStream) process.stdout.write(text);
 */
export function freechat<MODEL extends string>(
  provider: Provider<MODEL>,
  settings: FreechatSettings = {},
): FreechatProvider<MODEL> {
  const chat: Provider = provider;
  const languageModel = (modelId?: MODEL): LanguageModelV3 => {
    if (modelId !== undefined && modelId !== '' && !chat.models.includes(modelId)) {
      throw new NoSuchModelError({
        modelId,
        modelType: 'languageModel',
        message: `[${chat.id}] no such model "${modelId}"; choose one of ${chat.models.join(', ')}`,
      });
    }
    return new FreechatLanguageModel(chat, modelId || undefined, settings);
  };
  const noSuchModel =
    (modelType: 'embeddingModel' | 'imageModel') =>
    (modelId: string): never => {
      throw new NoSuchModelError({
        modelId,
        modelType,
        message: `[${chat.id}] freechat has language models only; no ${modelType} "${modelId}"`,
      });
    };
  return Object.assign(languageModel, {
    specificationVersion: 'v3' as const,
    languageModel: (modelId: MODEL) => languageModel(modelId),
    embeddingModel: noSuchModel('embeddingModel'),
    imageModel: noSuchModel('imageModel'),
  });
}
