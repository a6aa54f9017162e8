import type { Message } from '@freechat/core';
import type { HttpError } from '../http/http-error.js';
import type { ReplyFormat } from '../reply/reply-format.js';
import type { FinishReason } from '../reply/reply-source.js';
import { estimateUsage } from '../reply/usage.js';
import { CompletionChunks, type CompletionIdentity, DONE_EVENT } from './completion-chunks.js';

/**
 * A chat completion: a `chat.completion` body, or `chat.completion.chunk` events ending with
 * `data: [DONE]` (and a usage chunk before it when asked).
 */
export class ChatFormat implements ReplyFormat {
  readonly #identity: CompletionIdentity;
  readonly #messages: readonly Message[];
  readonly #chunks: CompletionChunks;
  #characters = 0;

  constructor(identity: CompletionIdentity, messages: readonly Message[]) {
    this.#identity = identity;
    this.#messages = messages;
    this.#chunks = new CompletionChunks(identity);
  }

  body(text: string, finishReason: FinishReason): unknown {
    return {
      id: this.#identity.id,
      object: 'chat.completion',
      created: this.#identity.created,
      model: this.#identity.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: estimateUsage(this.#messages, text.length),
    };
  }

  head(): string {
    return this.#chunks.role();
  }

  delta(text: string): string {
    this.#characters += text.length;
    return this.#chunks.content(text);
  }

  tail(finishReason: FinishReason): string {
    let tail = this.#chunks.finish(finishReason);
    if (this.#identity.includeUsage) {
      tail += this.#chunks.usage(estimateUsage(this.#messages, this.#characters));
    }
    return tail + DONE_EVENT;
  }

  failure(error: HttpError): string {
    return this.#chunks.error(error.body) + DONE_EVENT;
  }
}
