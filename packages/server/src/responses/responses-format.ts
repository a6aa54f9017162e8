import type { HttpError } from '../http/http-error.js';
import type { ReplyFormat } from '../reply/reply-format.js';
import type { FinishReason } from '../reply/reply-source.js';
import { ResponseEvents } from './responses-events.js';
import type { ResponseRecord } from './responses-object.js';

/**
 * A Response: the Response object (`completed`, or `incomplete` when cut at `max_output_tokens`), or
 * the Responses event stream.
 */
export class ResponsesFormat implements ReplyFormat {
  readonly #record: ResponseRecord;
  readonly #events: ResponseEvents;
  #text = '';

  constructor(record: ResponseRecord) {
    this.#record = record;
    this.#events = new ResponseEvents(record);
  }

  body(text: string, finishReason: FinishReason): unknown {
    return this.#record.object({ status: statusOf(finishReason), text });
  }

  head(): string {
    return this.#events.start();
  }

  delta(text: string): string {
    this.#text += text;
    return this.#events.delta(text);
  }

  tail(finishReason: FinishReason): string {
    return this.#events.finish(this.#text, statusOf(finishReason));
  }

  failure(error: HttpError): string {
    return this.#events.fail(this.#text, error);
  }
}

function statusOf(finishReason: FinishReason): 'completed' | 'incomplete' {
  return finishReason === 'length' ? 'incomplete' : 'completed';
}
