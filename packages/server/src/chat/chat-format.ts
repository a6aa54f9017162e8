import type { ToolCallPart, ToolReply } from '@freechat/core';
import type { HttpError } from '../http/http-error.js';
import type { ReplyFormat } from '../reply/reply-format.js';
import type { ReplyPrompt } from '../reply/reply-prompt.js';
import type { FinishReason } from '../reply/reply-source.js';
import { estimateUsage } from '../reply/usage.js';
import {
  type ChatFinishReason,
  CompletionChunks,
  type CompletionIdentity,
  DONE_EVENT,
} from './completion-chunks.js';

/** A tool call in a chat completion's message. */
interface MessageToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The assistant's message of a chat completion. */
interface CompletionMessage {
  role: 'assistant';
  /** The text; null when the reply is only calls. */
  content: string | null;
  refusal: null;
  tool_calls?: MessageToolCall[];
  function_call?: { name: string; arguments: string };
}

/**
 * A chat completion: a `chat.completion` body, or `chat.completion.chunk` events ending with
 * `data: [DONE]` (and a usage chunk before it when asked). A reply that called tools has
 * `message.tool_calls` (`content` null when it wrote no text) and finish_reason `tool_calls`; for a
 * request with the deprecated `functions`, `message.function_call` and finish_reason `function_call`.
 */
export class ChatFormat implements ReplyFormat {
  readonly #identity: CompletionIdentity;
  readonly #prompt: ReplyPrompt;
  readonly #legacyFunctions: boolean;
  readonly #chunks: CompletionChunks;
  #toolCalls = 0;

  constructor(identity: CompletionIdentity, prompt: ReplyPrompt, legacyFunctions = false) {
    this.#identity = identity;
    this.#prompt = prompt;
    this.#legacyFunctions = legacyFunctions;
    this.#chunks = new CompletionChunks(identity);
  }

  body(
    reply: ToolReply,
    finishReason: FinishReason,
    _stopSequence: string | undefined,
    replyCharacters: number,
  ): unknown {
    return {
      id: this.#identity.id,
      object: 'chat.completion',
      created: this.#identity.created,
      model: this.#identity.model,
      choices: [
        {
          index: 0,
          message: this.#message(reply),
          logprobs: null,
          finish_reason: this.#finishReason(finishReason),
        },
      ],
      usage: estimateUsage(this.#prompt.characters, replyCharacters),
    };
  }

  head(): string {
    return this.#chunks.role();
  }

  delta(text: string): string {
    return this.#chunks.content(text);
  }

  toolCall(call: ToolCallPart): string {
    if (this.#legacyFunctions) return this.#chunks.functionCall(call);
    return this.#chunks.toolCall(this.#toolCalls++, call);
  }

  tail(
    finishReason: FinishReason,
    _stopSequence: string | undefined,
    replyCharacters: number,
  ): string {
    let tail = this.#chunks.finish(this.#finishReason(finishReason));
    if (this.#identity.includeUsage) {
      tail += this.#chunks.usage(estimateUsage(this.#prompt.characters, replyCharacters));
    }
    return tail + DONE_EVENT;
  }

  failure(error: HttpError): string {
    return this.#chunks.error(error.body) + DONE_EVENT;
  }

  #finishReason(reason: FinishReason): ChatFinishReason {
    return reason === 'tool_calls' && this.#legacyFunctions ? 'function_call' : reason;
  }

  #message({ text, toolCalls }: ToolReply): CompletionMessage {
    if (toolCalls.length === 0) return { role: 'assistant', content: text, refusal: null };
    const content = text === '' ? null : text;
    if (this.#legacyFunctions) {
      const [call] = toolCalls;
      return {
        role: 'assistant',
        content,
        refusal: null,
        function_call: { name: call!.name, arguments: call!.argumentsText },
      };
    }
    return {
      role: 'assistant',
      content,
      refusal: null,
      tool_calls: toolCalls.map(({ id, name, argumentsText }) => ({
        id,
        type: 'function',
        function: { name, arguments: argumentsText },
      })),
    };
  }
}
