import type { HttpError } from '../http/http-error.js';
import { outputText, type ResponseFailure, type ResponseRecord } from './responses-object.js';

/** Where the one message item and its one text part sit in the Response. */
const POSITION = { output_index: 0, content_index: 0 } as const;

/**
 * The server-sent events of one streamed Response, numbered as OpenAI numbers them
 * (`sequence_number` from 0, one more per event). Each event is `event: <type>` and
 * `data: <JSON with the same type>`.
 */
export class ResponseEvents {
  readonly #record: ResponseRecord;
  #sequence = 0;

  constructor(record: ResponseRecord) {
    this.#record = record;
  }

  /**
   * The opening events: `response.created`, `response.in_progress`, `response.output_item.added`
   * (the message, empty) and `response.content_part.added` (its text part, empty).
   */
  start(): string {
    const running = this.#record.object();
    const { messageId } = this.#record;
    return (
      this.#event('response.created', { response: running }) +
      this.#event('response.in_progress', { response: running }) +
      this.#event('response.output_item.added', {
        output_index: 0,
        item: this.#record.message('in_progress'),
      }) +
      this.#event('response.content_part.added', {
        item_id: messageId,
        ...POSITION,
        part: outputText(''),
      })
    );
  }

  /** A `response.output_text.delta` event. */
  delta(text: string): string {
    return this.#event('response.output_text.delta', {
      item_id: this.#record.messageId,
      ...POSITION,
      delta: text,
      logprobs: [],
    });
  }

  /**
   * The closing events of an answered Response: `response.output_text.done`,
   * `response.content_part.done`, `response.output_item.done` and `response.completed` (or, for a
   * reply cut at `max_output_tokens`, `response.incomplete`) with the finished Response object,
   * each with the whole text.
   */
  finish(
    text: string,
    status: 'completed' | 'incomplete',
    response: Record<string, unknown>,
  ): string {
    const { messageId } = this.#record;
    return (
      this.#event('response.output_text.done', {
        item_id: messageId,
        ...POSITION,
        text,
        logprobs: [],
      }) +
      this.#event('response.content_part.done', {
        item_id: messageId,
        ...POSITION,
        part: outputText(text),
      }) +
      this.#event('response.output_item.done', {
        output_index: 0,
        item: this.#record.message(status, text),
      }) +
      this.#event(`response.${status}`, { response })
    );
  }

  /**
   * The closing events of a Response that failed after it started: an `error` event with the
   * server's error (its code, message and param, as a request error would carry them), then
   * `response.failed` with the text sent so far and the error as a `ResponseErrorCode`.
   */
  fail(text: string, failure: HttpError): string {
    const { code, message, param } = failure.body.error;
    const error: ResponseFailure = {
      code: failure.status === 429 ? 'rate_limit_exceeded' : 'server_error',
      message,
    };
    return (
      this.#event('error', { code, message, param }) +
      this.#event('response.failed', {
        response: this.#record.object({ status: 'failed', text, error }),
      })
    );
  }

  #event(type: string, fields: Record<string, unknown>): string {
    const data = JSON.stringify({ type, sequence_number: this.#sequence++, ...fields });
    return `event: ${type}\ndata: ${data}\n\n`;
  }
}
