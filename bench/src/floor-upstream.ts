import type { ServerResponse } from 'node:http';
import { generateSignature } from '@freechat/core';
import { SCENARIO_HEADER } from '@freechat/emulator';
import { Agent, request } from 'undici';
import { FloorEventStream, type FloorRequest } from './floor-events.js';

/**
 * The floor's upstream: the emulator's Free2GPT generate endpoint asked with raw undici `request()` on
 * one pooled Agent. Nothing else: no validation, no timeouts, no retries, no error mapping, no abort
 * handling.
 */
export class FloorUpstream {
  readonly #url: string;
  readonly #scenarioHeader: string;
  readonly #agent = new Agent();

  /** Every request asks the emulator at `emulatorURL` for the reply step in `scenarioHeader`. */
  constructor(emulatorURL: string, scenarioHeader: string) {
    this.#url = `${emulatorURL}/free2gpt/api/generate`;
    this.#scenarioHeader = scenarioHeader;
  }

  /**
   * Signs and posts the conversation, then, once the emulator answers, sends each decoded chunk of
   * its reply as one event on `response` and ends it with `[DONE]`.
   */
  async relay({ model, messages }: FloorRequest, response: ServerResponse): Promise<void> {
    const time = Date.now();
    const upstreamResponse = await request(this.#url, {
      method: 'POST',
      dispatcher: this.#agent,
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        [SCENARIO_HEADER]: this.#scenarioHeader,
      },
      body: JSON.stringify({
        messages,
        time,
        pass: null,
        sign: generateSignature(time, messages[messages.length - 1]!.content),
      }),
    });
    const events = new FloorEventStream(response, model, time);
    const decoder = new TextDecoder();
    for await (const chunk of upstreamResponse.body) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text !== '') events.text(text);
    }
    events.end();
  }

  /** Closes the pooled connections. */
  close(): Promise<void> {
    return this.#agent.close();
  }
}
