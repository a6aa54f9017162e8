import type { ToolCallPart } from '@freechat/core';
import type { HttpError } from '../http/http-error.js';
import type { ReplyFormat, WholeReply } from '../reply/reply-format.js';
import type { ReplyPrompt } from '../reply/reply-prompt.js';
import type { FinishReason } from '../reply/reply-source.js';
import { anthropicErrorBody } from './anthropic-error.js';
import { MessageEvents } from './message-events.js';
import {
  type ContentBlock,
  estimateTokens,
  type MessageIdentity,
  type MessageObject,
  messageObject,
  messageStop,
  messageUsage,
  toolUseBlock,
} from './message-object.js';

/**
 * A reply as Anthropic's Messages API shapes it: the message object, or its server-sent events
 * (`MessageEvents`), with `stop_reason` and `stop_sequence` from how the reply ended
 * (`messageStop`) and `usage` estimated from the prompt and what was sent: its text and each call's
 * input JSON (`toolUseCharacters`). A failure after the stream started is Anthropic's `error` event.
 */
export class MessageFormat implements ReplyFormat {
  readonly #identity: MessageIdentity;
  readonly #inputTokens: number;
  readonly #requestId: string;
  readonly #events: MessageEvents;

  /** @param requestId - The request's id, which an `error` event carries. */
  constructor(identity: MessageIdentity, prompt: ReplyPrompt, requestId: string) {
    this.#identity = identity;
    this.#inputTokens = estimateTokens(prompt.characters);
    this.#requestId = requestId;
    this.#events = new MessageEvents(identity);
  }

  body(
    reply: WholeReply,
    finishReason: FinishReason,
    stopSequence: string | undefined,
    replyCharacters: number,
  ): MessageObject {
    const content: ContentBlock[] = reply.pieces.map((piece) =>
      typeof piece === 'string'
        ? { type: 'text', text: piece, citations: null }
        : toolUseBlock(piece),
    );
    const usage = messageUsage(this.#inputTokens, estimateTokens(replyCharacters));
    return messageObject(this.#identity, content, messageStop(finishReason, stopSequence), usage);
  }

  head(): string {
    return this.#events.start(this.#inputTokens);
  }

  delta(text: string): string {
    return this.#events.text(text);
  }

  toolCall(call: ToolCallPart): string {
    return this.#events.toolUse(call);
  }

  tail(
    finishReason: FinishReason,
    stopSequence: string | undefined,
    replyCharacters: number,
  ): string {
    const stop = messageStop(finishReason, stopSequence);
    return this.#events.end(stop, this.#inputTokens, estimateTokens(replyCharacters));
  }

  failure(error: HttpError): string {
    return this.#events.failure(anthropicErrorBody(error, this.#requestId));
  }
}
