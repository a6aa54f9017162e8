import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
  SharedV3Warning,
} from '@ai-sdk/provider';
import { type Provider, streamToolParts, type ToolChatRequest } from '@freechat/core';
import { convertToFreechatMessages } from './convert-to-freechat-messages.js';
import { convertToFreechatTools } from './convert-to-freechat-tools.js';
import { finishReason, unknownUsage } from './freechat-call-result.js';
import { collectCallWarnings } from './freechat-call-warnings.js';
import type { FreechatSettings } from './freechat-settings.js';
import { createFreechatStream, readFirstPart } from './freechat-stream.js';
import { type FailedCall, mapFreechatError } from './map-freechat-error.js';

/** One call, ready to send. */
interface PreparedCall {
  request: ToolChatRequest;
  warnings: SharedV3Warning[];
  failedCall: FailedCall;
}

/**
 * A freechat provider (or fallback chain) as an AI SDK LanguageModelV3 for one model. Made by
 * {@link freechat}; the model id has been checked against the provider's models.
 */
export class FreechatLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  /** `freechat.<provider id>`, e.g. `freechat.free2gpt`. */
  readonly provider: string;
  /** The model asked for, or the provider's default. */
  readonly modelId: string;
  /** None: the sites take text only, so no URL is ever passed through. */
  readonly supportedUrls: Record<string, RegExp[]> = {};
  readonly #chat: Provider;
  readonly #model: string | undefined;
  readonly #settings: FreechatSettings;

  /** `model` undefined lets each provider of a chain use its own default. */
  constructor(chat: Provider, model: string | undefined, settings: FreechatSettings) {
    this.#chat = chat;
    this.#model = model;
    this.#settings = settings;
    this.provider = `freechat.${chat.id}`;
    this.modelId = model ?? chat.defaultModel;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const call = this.#prepare(options, options.abortSignal);
    const content: LanguageModelV3Content[] = [];
    let timestamp: Date | undefined;
    try {
      for await (const part of streamToolParts(this.#chat, call.request)) {
        timestamp ??= new Date();
        const last = content.at(-1);
        if (part.type === 'tool-call') {
          const { id, name, argumentsText } = part;
          content.push({ type: 'tool-call', toolCallId: id, toolName: name, input: argumentsText });
        } else if (last?.type === 'text') last.text += part.text;
        else if (part.text !== '') content.push({ type: 'text', text: part.text });
      }
    } catch (error) {
      throw mapFreechatError(error, call.failedCall);
    }
    const called = content.some((part) => part.type === 'tool-call');
    return {
      content,
      finishReason: finishReason(called ? 'tool-calls' : 'stop'),
      usage: unknownUsage(),
      warnings: call.warnings,
      // No `request.body`: the spec means the HTTP body sent, and the signed body is built inside the
      // provider, per attempt (its time and signature differ between retries and mirrors).
      response: { timestamp: timestamp ?? new Date(), modelId: this.modelId },
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    // Cancelling the stream aborts the request too, so a pending read never waits for the network.
    const cancel = new AbortController();
    const signal =
      options.abortSignal === undefined
        ? cancel.signal
        : AbortSignal.any([options.abortSignal, cancel.signal]);
    const call = this.#prepare(options, signal);
    const reply = streamToolParts(this.#chat, call.request);
    let firstPart: Awaited<ReturnType<typeof readFirstPart>>;
    try {
      firstPart = await readFirstPart(reply);
    } catch (error) {
      throw mapFreechatError(error, call.failedCall);
    }
    const stream = createFreechatStream({
      reply,
      firstPart,
      warnings: call.warnings,
      timestamp: new Date(),
      modelId: this.modelId,
      includeRawChunks: options.includeRawChunks === true,
      signal: call.request.signal,
      mapError: (error) => mapFreechatError(error, call.failedCall),
      cancel: () => cancel.abort(),
    });
    return { stream };
  }

  /**
   * Converts the prompt (throwing for what the sites cannot take) and the tools, and collects the
   * warnings. Every call goes through core's `streamToolParts`: with no tools (or `toolChoice`
   * `none`) it sends the conversation as plain chat, earlier calls and results written into it.
   */
  #prepare(options: LanguageModelV3CallOptions, signal: AbortSignal | undefined): PreparedCall {
    const messages = convertToFreechatMessages(options.prompt);
    const { tools, toolChoice } = convertToFreechatTools(options);
    const request: ToolChatRequest = {
      messages,
      tools,
      toolChoice,
      maxToolRetries: this.#settings.maxToolRetries,
      model: this.#model,
      signal,
      timeout: this.#settings.timeout,
      idleTimeout: this.#settings.idleTimeout,
    };
    const asked = tools.length === 0 ? { messages } : { messages, tools, toolChoice };
    return {
      request,
      warnings: collectCallWarnings(options, this.#chat, messages),
      failedCall: {
        requestBodyValues: { model: this.#model, ...asked },
        url: this.#chat.baseURLs[0] ?? this.#chat.url,
        aiRetries: this.#settings.aiRetries === true,
      },
    };
  }
}
