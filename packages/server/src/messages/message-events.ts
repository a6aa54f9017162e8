import type { ToolCallPart } from '@freechat/core';
import type { AnthropicErrorBody } from './anthropic-error.js';
import {
  type MessageIdentity,
  type MessageStop,
  messageObject,
  messageUsage,
  toolUseBlock,
} from './message-object.js';

/** What closes a text delta event after its JSON-encoded text. */
const TEXT_DELTA_SUFFIX = '}}\n\n';

/** One server-sent event as Anthropic writes it: its name, and its data as one line of JSON. */
function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The server-sent events of one streamed message, in Anthropic's order: `message_start` (the message
 * with no content), then per block `content_block_start`, its deltas (`text_delta`, or one
 * `input_json_delta` with a call's whole input) and `content_block_stop`, then `message_delta` (the
 * stop reason and the output tokens) and `message_stop`; `error` for a failure after the start.
 * Consecutive texts share one text block; a call closes it. A text delta costs one
 * `JSON.stringify` of its text: what surrounds it is built once per block.
 */
export class MessageEvents {
  readonly #identity: MessageIdentity;
  /** The index of the last block opened (-1: none yet). */
  #index = -1;
  /** Whether the last block opened is a text block still open. */
  #textOpen = false;
  /** Everything of a text delta event before its text, for the open text block. */
  #textDeltaPrefix = '';

  constructor(identity: MessageIdentity) {
    this.#identity = identity;
  }

  /** `message_start`, with the estimated input tokens. */
  start(inputTokens: number): string {
    const message = messageObject(this.#identity, [], null, messageUsage(inputTokens, 0));
    return event('message_start', { type: 'message_start', message });
  }

  /** A text delta, opening a text block first if none is open. */
  text(text: string): string {
    const opening = this.#textOpen ? '' : this.#openText();
    return opening + this.#textDeltaPrefix + JSON.stringify(text) + TEXT_DELTA_SUFFIX;
  }

  /** A whole `tool_use` block, closing the open text block first. */
  toolUse(call: ToolCallPart): string {
    const closing = this.#closeText();
    const index = ++this.#index;
    const block = toolUseBlock(call);
    return (
      closing +
      event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { ...block, input: {} },
      }) +
      event('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: call.argumentsText },
      }) +
      event('content_block_stop', { type: 'content_block_stop', index })
    );
  }

  /** The closing events: the open block's stop, `message_delta` and `message_stop`. */
  end(stop: MessageStop, inputTokens: number, outputTokens: number): string {
    return (
      this.#closeText() +
      event('message_delta', {
        type: 'message_delta',
        delta: {
          stop_reason: stop.reason,
          stop_sequence: stop.sequence,
          stop_details: null,
          container: null,
        },
        usage: {
          input_tokens: inputTokens,
          output_tokens: outputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens_details: null,
          server_tool_use: null,
        },
      }) +
      event('message_stop', { type: 'message_stop' })
    );
  }

  /** The `error` event of a message that failed after the stream started; it ends the stream. */
  failure(body: AnthropicErrorBody): string {
    return event('error', body);
  }

  #openText(): string {
    const index = ++this.#index;
    this.#textOpen = true;
    this.#textDeltaPrefix = `event: content_block_delta\ndata: {"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":`;
    return event('content_block_start', {
      type: 'content_block_start',
      index,
      content_block: { type: 'text', text: '', citations: null },
    });
  }

  #closeText(): string {
    if (!this.#textOpen) return '';
    this.#textOpen = false;
    return event('content_block_stop', { type: 'content_block_stop', index: this.#index });
  }
}
