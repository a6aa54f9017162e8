import type { ServerResponse } from 'node:http';
import type { Message } from '@freechat/core';

/** What the floor gateways read of a chat-completion request: the model (echoed) and the messages. */
export interface FloorRequest {
  model: string;
  messages: Message[];
}

/** The end of every text event after the JSON-quoted text. */
const TEXT_EVENT_END = '},"finish_reason":null}]}\n\n';

/**
 * The server-sent events all S6 floors write: one `chat.completion.chunk` event per text, built as
 * a per-completion prefix + the JSON-quoted text + a fixed end, then `data: [DONE]`. No role event,
 * no finish event, no usage: the least an OpenAI client reads as a streamed completion.
 */
export class FloorEventStream {
  readonly #response: ServerResponse;
  readonly #prefix: string;

  /** Writes the status and headers (sent with the first event) for a completion of `model` started at `time`. */
  constructor(response: ServerResponse, model: string, time: number) {
    this.#response = response;
    this.#prefix = `data: {"id":"chatcmpl-floor","object":"chat.completion.chunk","created":${Math.floor(time / 1000)},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":{"content":`;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  }

  /** Sends one text as one event. */
  text(text: string): void {
    this.#response.write(`${this.#prefix}${JSON.stringify(text)}${TEXT_EVENT_END}`);
  }

  /** Sends `data: [DONE]` and ends the response. */
  end(): void {
    this.#response.end('data: [DONE]\n\n');
  }
}
