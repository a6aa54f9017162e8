import type { ToolCallPart } from '@freechat/core';
import type { HttpError } from '../http/http-error.js';
import {
  type OutputItem,
  type OutputItemStatus,
  outputText,
  type ResponseRecord,
} from './responses-object.js';

/** The message item being written: its place, its id and its text so far. */
interface OpenMessage {
  outputIndex: number;
  id: string;
  text: string;
}

/**
 * The server-sent events of one streamed Response, numbered as OpenAI numbers them
 * (`sequence_number` from 0, one more per event). Each event is `event: <type>` and
 * `data: <JSON with the same type>`. The output items follow the reply: a message item opens at the
 * first text (and closes before a call), a function call item is sent whole when its call comes;
 * `output_index` counts the items in that order.
 */
export class ResponseEvents {
  readonly #record: ResponseRecord;
  #sequence = 0;
  /** The items sent, finished or not. */
  readonly #output: OutputItem[] = [];
  #open: OpenMessage | undefined;

  constructor(record: ResponseRecord) {
    this.#record = record;
  }

  /** The output items so far, as the Response object holds them (an open message in `status`). */
  output(status: OutputItemStatus): OutputItem[] {
    const open = this.#open;
    if (open === undefined) return [...this.#output];
    const items = [...this.#output];
    items[open.outputIndex] = this.#record.message(open.id, status, open.text);
    return items;
  }

  /** The opening events: `response.created` and `response.in_progress`. */
  start(): string {
    const running = this.#record.object();
    return (
      this.#event('response.created', { response: running }) +
      this.#event('response.in_progress', { response: running })
    );
  }

  /**
   * A `response.output_text.delta` event, after the events that open a message item
   * (`response.output_item.added` and `response.content_part.added`, both empty) when none is open.
   */
  delta(text: string): string {
    const opening = this.#open === undefined ? this.#openMessage() : '';
    const open = this.#open!;
    open.text += text;
    return (
      opening +
      this.#event('response.output_text.delta', {
        item_id: open.id,
        output_index: open.outputIndex,
        content_index: 0,
        delta: text,
        logprobs: [],
      })
    );
  }

  /**
   * The events of one function call, after closing the open message: `response.output_item.added`
   * (the call with empty arguments, in progress), `response.function_call_arguments.delta` (the
   * arguments whole), `response.function_call_arguments.done` and `response.output_item.done`.
   */
  toolCall(call: ToolCallPart): string {
    const closing = this.#closeMessage('completed');
    const outputIndex = this.#output.length;
    const id = this.#record.functionCallId();
    const done = this.#record.functionCall(id, call, 'completed');
    this.#output.push(done);
    const position = { item_id: id, output_index: outputIndex };
    return (
      closing +
      this.#event('response.output_item.added', {
        output_index: outputIndex,
        item: this.#record.functionCall(id, call, 'in_progress'),
      }) +
      this.#event('response.function_call_arguments.delta', {
        ...position,
        delta: call.argumentsText,
      }) +
      this.#event('response.function_call_arguments.done', {
        ...position,
        arguments: call.argumentsText,
      }) +
      this.#event('response.output_item.done', { output_index: outputIndex, item: done })
    );
  }

  /**
   * The events that close the output of an answered Response: those of the open message, with its
   * whole text (a reply without any item gets an empty message: opened, then closed).
   */
  close(status: 'completed' | 'incomplete'): string {
    const opening =
      this.#output.length === 0 && this.#open === undefined ? this.#openMessage() : '';
    return opening + this.#closeMessage(status);
  }

  /**
   * The last event of an answered Response: `response.completed` (or, for a reply cut at
   * `max_output_tokens`, `response.incomplete`) with the finished Response object.
   */
  finish(status: 'completed' | 'incomplete', response: Record<string, unknown>): string {
    return this.#event(`response.${status}`, { response });
  }

  /**
   * The closing events of a Response that failed after it started: an `error` event with the
   * server's error (its code, message and param, as a request error would carry them), then
   * `response.failed` with the failed Response object.
   */
  fail(failure: HttpError, response: Record<string, unknown>): string {
    const { code, message, param } = failure.body.error;
    return (
      this.#event('error', { code, message, param }) + this.#event('response.failed', { response })
    );
  }

  /** Opens a message item at the next index: `response.output_item.added`, `response.content_part.added`. */
  #openMessage(): string {
    const open: OpenMessage = {
      outputIndex: this.#output.length,
      id: this.#record.messageId(),
      text: '',
    };
    this.#open = open;
    this.#output.push(this.#record.message(open.id, 'in_progress'));
    return (
      this.#event('response.output_item.added', {
        output_index: open.outputIndex,
        item: this.#output[open.outputIndex],
      }) +
      this.#event('response.content_part.added', {
        item_id: open.id,
        output_index: open.outputIndex,
        content_index: 0,
        part: outputText(''),
      })
    );
  }

  /**
   * Closes the open message, if any: `response.output_text.done`, `response.content_part.done` and
   * `response.output_item.done`, each with the whole text.
   */
  #closeMessage(status: 'completed' | 'incomplete'): string {
    const open = this.#open;
    if (open === undefined) return '';
    this.#open = undefined;
    const { id, outputIndex, text } = open;
    const item = this.#record.message(id, status, text);
    this.#output[outputIndex] = item;
    const position = { item_id: id, output_index: outputIndex, content_index: 0 };
    return (
      this.#event('response.output_text.done', { ...position, text, logprobs: [] }) +
      this.#event('response.content_part.done', { ...position, part: outputText(text) }) +
      this.#event('response.output_item.done', { output_index: outputIndex, item })
    );
  }

  #event(type: string, fields: Record<string, unknown>): string {
    const data = JSON.stringify({ type, sequence_number: this.#sequence++, ...fields });
    return `event: ${type}\ndata: ${data}\n\n`;
  }
}
