import type { ToolCallPart } from '@freechat/core';
import type { OpenAIErrorBody } from '../http/http-error.js';
import type { FinishReason } from '../reply/reply-source.js';
import type { CompletionUsage } from '../reply/usage.js';

/** Why a chat completion ended: the reply's reasons, and `function_call` for a deprecated function's call. */
export type ChatFinishReason = FinishReason | 'function_call';

/** The event that ends every stream. */
export const DONE_EVENT = 'data: [DONE]\n\n';

/** What every chunk of one completion shares. */
export interface CompletionIdentity {
  /** `chatcmpl-…` */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model name echoed back. */
  model: string;
  /** Whether every chunk carries `usage: null` and a usage chunk ends the stream. */
  includeUsage: boolean;
}

/**
 * The server-sent events of one streamed completion (`chat.completion.chunk`). Everything around a
 * chunk's delta is serialised once per completion, so a content chunk costs one `JSON.stringify` of
 * its text and the role and finish events none.
 */
export class CompletionChunks {
  readonly #identity: CompletionIdentity;
  /** Everything before the delta: `data: {"id":…,"choices":[{"index":0,"delta":`. */
  readonly #deltaPrefix: string;
  /** What follows `"finish_reason":` and its value: the choice's end, the usage if asked, the event's end. */
  readonly #eventSuffix: string;
  readonly #contentPrefix: string;
  readonly #contentSuffix: string;

  constructor(identity: CompletionIdentity) {
    this.#identity = identity;
    const { id, created, model, includeUsage } = identity;
    // The keys in the order JSON.stringify would give them for the chunk object.
    this.#deltaPrefix = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${JSON.stringify(created)},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":`;
    this.#eventSuffix = `}]${includeUsage ? ',"usage":null' : ''}}\n\n`;
    this.#contentPrefix = `${this.#deltaPrefix}{"content":`;
    this.#contentSuffix = `},"logprobs":null,"finish_reason":null${this.#eventSuffix}`;
  }

  /** The first event: `delta: {role: 'assistant', content: ''}`. */
  role(): string {
    return `${this.#deltaPrefix}{"role":"assistant","content":""},"logprobs":null,"finish_reason":null${this.#eventSuffix}`;
  }

  /** An event with `delta: {content: text}`. */
  content(text: string): string {
    return this.#contentPrefix + JSON.stringify(text) + this.#contentSuffix;
  }

  /**
   * The events of one tool call, at `index` among the reply's calls: first its id, type and name
   * (with empty arguments), then its arguments whole.
   */
  toolCall(index: number, call: ToolCallPart): string {
    // What JSON.stringify writes for `{tool_calls: [{index, id, type, function: {name, arguments}}]}`
    // and then `{tool_calls: [{index, function: {arguments}}]}`, with only the strings serialised.
    const { id, name, argumentsText } = call;
    return (
      this.#delta(
        `{"tool_calls":[{"index":${index},"id":${JSON.stringify(id)},"type":"function","function":{"name":${JSON.stringify(name)},"arguments":""}}]}`,
      ) +
      this.#delta(
        `{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(argumentsText)}}}]}`,
      )
    );
  }

  /** The events of a deprecated `function_call`: first its name (with empty arguments), then its arguments. */
  functionCall(call: ToolCallPart): string {
    return (
      this.#delta(`{"function_call":{"name":${JSON.stringify(call.name)},"arguments":""}}`) +
      this.#delta(`{"function_call":{"arguments":${JSON.stringify(call.argumentsText)}}}`)
    );
  }

  /** The event with an empty delta and the finish reason (`stop` unless given). */
  finish(reason: ChatFinishReason = 'stop'): string {
    return `${this.#deltaPrefix}{},"logprobs":null,"finish_reason":${JSON.stringify(reason)}${this.#eventSuffix}`;
  }

  /** The usage event: empty `choices` and the usage counts. */
  usage(usage: CompletionUsage): string {
    const { id, created, model } = this.#identity;
    const chunk = { id, object: 'chat.completion.chunk', created, model, choices: [], usage };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }

  /** An event with this delta (its JSON). */
  #delta(delta: string): string {
    return `${this.#deltaPrefix}${delta},"logprobs":null,"finish_reason":null${this.#eventSuffix}`;
  }

  /** An error event, sent when the reply fails after the response has started. */
  error(body: OpenAIErrorBody): string {
    return `data: ${JSON.stringify(body)}\n\n`;
  }
}
