import type { ToolCallPart } from '@freechat/core';
import type { HttpError } from '../http/http-error.js';
import type { ReplyFormat, WholeReply } from '../reply/reply-format.js';
import type { FinishReason } from '../reply/reply-source.js';
import { ResponseEvents } from './responses-events.js';
import { type ResponseRecord, responseFailure } from './responses-object.js';

/**
 * A Response: the Response object (`completed`, or `incomplete` when cut at `max_output_tokens`), or
 * the Responses event stream. Its output is a message for each run of text and a `function_call`
 * item for each tool call, in the reply's order. The finished Response object is handed to `save`
 * (which stores it) before it is sent.
 */
export class ResponsesFormat implements ReplyFormat {
  readonly #record: ResponseRecord;
  readonly #events: ResponseEvents;
  readonly #save: (response: Record<string, unknown>) => Promise<void>;

  constructor(record: ResponseRecord, save: (response: Record<string, unknown>) => Promise<void>) {
    this.#record = record;
    this.#events = new ResponseEvents(record);
    this.#save = save;
  }

  async body(
    reply: WholeReply,
    finishReason: FinishReason,
    _stopSequence: string | undefined,
    replyCharacters: number,
  ): Promise<unknown> {
    const status = statusOf(finishReason);
    const response = this.#record.object({
      status,
      output: this.#record.output(reply.pieces, status === 'incomplete'),
      replyCharacters,
    });
    await this.#save(response);
    return response;
  }

  head(): string {
    return this.#events.start();
  }

  delta(text: string): string {
    return this.#events.delta(text);
  }

  toolCall(call: ToolCallPart): string {
    return this.#events.toolCall(call);
  }

  async tail(
    finishReason: FinishReason,
    _stopSequence: string | undefined,
    replyCharacters: number,
  ): Promise<string> {
    const status = statusOf(finishReason);
    const closing = this.#events.close(status);
    const response = this.#record.object({
      status,
      output: this.#events.output(status),
      replyCharacters,
    });
    await this.#save(response);
    return closing + this.#events.finish(status, response);
  }

  failure(error: HttpError, replyCharacters: number): string {
    const response = this.#record.object({
      status: 'failed',
      output: this.#events.output('incomplete'),
      replyCharacters,
      error: responseFailure(error),
    });
    return this.#events.fail(error, response);
  }
}

function statusOf(finishReason: FinishReason): 'completed' | 'incomplete' {
  return finishReason === 'length' ? 'incomplete' : 'completed';
}
