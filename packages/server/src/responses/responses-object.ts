import type { Message } from '@freechat/core';
import { pooledRandomBytes } from '../http/random-bytes.js';
import { estimateUsage } from '../reply/usage.js';
import type { ResponsesEcho } from './responses-input.js';

/** An `output_text` content part. */
export interface OutputTextPart {
  type: 'output_text';
  text: string;
  annotations: [];
  logprobs: [];
}

/** The one output item of a freechat Response: the assistant's message. */
export interface OutputMessage {
  type: 'message';
  id: string;
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: OutputTextPart[];
}

/** Token counts in the Responses API's `usage` shape (estimated, see {@link estimateUsage}). */
export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** The status of a Response: running, answered, cut at `max_output_tokens`, or failed. */
export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** A Response's `error`: a code of OpenAI's `ResponseErrorCode` list and a message. */
export interface ResponseFailure {
  code: 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';
  message: string;
}

/** What a Response object says once it is over, or null while it runs. */
export interface ResponseOutcome {
  status: 'completed' | 'incomplete' | 'failed';
  /** The reply as sent so far. */
  text: string;
  error?: ResponseFailure;
}

/** A text content part holding `text`. */
export function outputText(text: string): OutputTextPart {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

/**
 * One Response (`resp_…`) and its message item (`msg_…`): builds the Response object in each of its
 * states, with the request's settings echoed and the usage estimated like chat completions'.
 */
export class ResponseRecord {
  /** `resp_…` */
  readonly id = `resp_${pooledRandomBytes(24).toString('hex')}`;
  /** The message item's id, `msg_…`. */
  readonly messageId = `msg_${pooledRandomBytes(24).toString('hex')}`;
  /** Unix seconds. */
  readonly createdAt = Math.floor(Date.now() / 1000);
  readonly #model: string;
  readonly #messages: readonly Message[];
  readonly #echo: ResponsesEcho;

  constructor(model: string, messages: readonly Message[], echo: ResponsesEcho) {
    this.#model = model;
    this.#messages = messages;
    this.#echo = echo;
  }

  /** The message item holding `text`, in the given status. */
  message(status: OutputMessage['status'], text?: string): OutputMessage {
    return {
      type: 'message',
      id: this.messageId,
      status,
      role: 'assistant',
      content: text === undefined ? [] : [outputText(text)],
    };
  }

  /**
   * The Response object: running (`outcome` undefined), completed, incomplete (cut at
   * `max_output_tokens`) or failed.
   */
  object(outcome?: ResponseOutcome): Record<string, unknown> {
    const done = outcome !== undefined;
    const status: ResponseStatus = outcome?.status ?? 'in_progress';
    const output = !done
      ? []
      : [this.message(status === 'completed' ? 'completed' : 'incomplete', outcome.text)];
    const cut = status === 'incomplete';
    return {
      id: this.id,
      object: 'response',
      created_at: this.createdAt,
      status,
      completed_at: status === 'completed' ? Math.floor(Date.now() / 1000) : null,
      error: outcome?.error ?? null,
      incomplete_details: cut ? { reason: 'max_output_tokens' } : null,
      instructions: this.#echo.instructions,
      max_output_tokens: this.#echo.max_output_tokens,
      model: this.#model,
      output,
      parallel_tool_calls: this.#echo.parallel_tool_calls,
      previous_response_id: this.#echo.previous_response_id,
      reasoning: null,
      store: this.#echo.store,
      temperature: this.#echo.temperature,
      text: { format: { type: 'text' } },
      tool_choice: this.#echo.tool_choice,
      tools: [],
      top_p: this.#echo.top_p,
      truncation: 'disabled',
      metadata: this.#echo.metadata,
      // OpenAI's schema has no null usage: a running Response has none yet.
      ...(done ? { usage: this.usage(outcome.text.length) } : {}),
    };
  }

  /** The estimated usage for a reply of `replyCharacters`. */
  usage(replyCharacters: number): ResponseUsage {
    const counts = estimateUsage(this.#messages, replyCharacters);
    return {
      input_tokens: counts.prompt_tokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: counts.completion_tokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: counts.total_tokens,
    };
  }
}
