import type { HttpError } from '../http/http-error.js';
import type { ReplyFormat } from '../reply/reply-format.js';
import type { FinishReason } from '../reply/reply-source.js';
import { ResponseEvents } from './responses-events.js';
import type { ResponseRecord } from './responses-object.js';

/**
 * A Response: the Response object (`completed`, or `incomplete` when cut at `max_output_tokens`), or
 * the Responses event stream. The finished Response object is handed to `save` (which stores it)
 * before it is sent.
 */
export class ResponsesFormat implements ReplyFormat {
  readonly #record: ResponseRecord;
  readonly #events: ResponseEvents;
  readonly #save: (response: Record<string, unknown>) => Promise<void>;
  #text = '';

  constructor(record: ResponseRecord, save: (response: Record<string, unknown>) => Promise<void>) {
    this.#record = record;
    this.#events = new ResponseEvents(record);
    this.#save = save;
  }

  async body(text: string, finishReason: FinishReason): Promise<unknown> {
    const response = this.#record.object({ status: statusOf(finishReason), text });
    await this.#save(response);
    return response;
  }

  head(): string {
    return this.#events.start();
  }

  delta(text: string): string {
    this.#text += text;
    return this.#events.delta(text);
  }

  async tail(finishReason: FinishReason): Promise<string> {
    const status = statusOf(finishReason);
    const response = this.#record.object({ status, text: this.#text });
    await this.#save(response);
    return this.#events.finish(this.#text, status, response);
  }

  failure(error: HttpError): string {
    return this.#events.fail(this.#text, error);
  }
}

function statusOf(finishReason: FinishReason): 'completed' | 'incomplete' {
  return finishReason === 'length' ? 'incomplete' : 'completed';
}
