import type { ToolCallPart } from '@freechat/core';
import type { HttpError } from '../http/http-error.js';
import { pooledRandomBytes } from '../http/random-bytes.js';
import type { ReplyPrompt } from '../reply/reply-prompt.js';
import type { ReplyPiece } from '../reply/reply-source.js';
import { estimateUsage } from '../reply/usage.js';
import type { ResponsesEcho } from './responses-input.js';

/** An `output_text` content part. */
export interface OutputTextPart {
  type: 'output_text';
  text: string;
  annotations: [];
  logprobs: [];
}

/** The status of an output item. */
export type OutputItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** An output message of a Response: a run of the assistant's text. */
export interface OutputMessage {
  type: 'message';
  id: string;
  status: OutputItemStatus;
  role: 'assistant';
  content: OutputTextPart[];
}

/** A function call of a Response (OpenAI's `ResponseFunctionToolCall`). */
export interface OutputFunctionCall {
  type: 'function_call';
  /** The item's id, `fc_…`. */
  id: string;
  /** The call's id, `call_…`, which its `function_call_output` names. */
  call_id: string;
  name: string;
  /** The arguments as a JSON string (empty while the call is in progress). */
  arguments: string;
  status: OutputItemStatus;
}

/** An output item of a freechat Response: a message or a function call. */
export type OutputItem = OutputMessage | OutputFunctionCall;

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

/** What a Response object says once it is over. */
export interface ResponseOutcome {
  status: 'completed' | 'incomplete' | 'failed';
  /** The output items as sent so far. */
  output: readonly OutputItem[];
  /** What the reply counts for in its usage (see `estimateUsage`). */
  replyCharacters: number;
  error?: ResponseFailure;
}

/**
 * A failed Response's `error`: the server's message, with `rate_limit_exceeded` for a 429 and
 * `server_error` for anything else.
 */
export function responseFailure(error: HttpError): ResponseFailure {
  return {
    code: error.status === 429 ? 'rate_limit_exceeded' : 'server_error',
    message: error.body.error.message,
  };
}

/** A text content part holding `text`. */
export function outputText(text: string): OutputTextPart {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

/**
 * One Response (`resp_…`): makes its output items (`msg_…`, `fc_…`) and builds the Response object in
 * each of its states, with the request's settings echoed and the usage estimated like chat
 * completions'.
 */
export class ResponseRecord {
  /** `resp_…` */
  readonly id = `resp_${pooledRandomBytes(24).toString('hex')}`;
  /** Unix seconds. */
  readonly createdAt = Math.floor(Date.now() / 1000);
  readonly #model: string;
  readonly #prompt: ReplyPrompt;
  readonly #echo: ResponsesEcho;

  constructor(model: string, prompt: ReplyPrompt, echo: ResponsesEcho) {
    this.#model = model;
    this.#prompt = prompt;
    this.#echo = echo;
  }

  /** A new message item's id, `msg_…`. */
  messageId(): string {
    return `msg_${pooledRandomBytes(24).toString('hex')}`;
  }

  /** A new function call item's id, `fc_…`. */
  functionCallId(): string {
    return `fc_${pooledRandomBytes(24).toString('hex')}`;
  }

  /** The message item `id` holding `text` (no content part while `text` is undefined). */
  message(id: string, status: OutputItemStatus, text?: string): OutputMessage {
    return {
      type: 'message',
      id,
      status,
      role: 'assistant',
      content: text === undefined ? [] : [outputText(text)],
    };
  }

  /** The function call item `id` of `call`: in progress with empty arguments, or completed. */
  functionCall(id: string, call: ToolCallPart, status: OutputItemStatus): OutputFunctionCall {
    return {
      type: 'function_call',
      id,
      call_id: call.id,
      name: call.name,
      arguments: status === 'in_progress' ? '' : call.argumentsText,
      status,
    };
  }

  /**
   * The output items of a whole reply, in order: a message for each run of text, a function call
   * for each call; one empty message for a reply that gave neither. The last message is
   * `incomplete` when the reply was cut at `max_output_tokens`.
   */
  output(pieces: readonly ReplyPiece[], cut: boolean): OutputItem[] {
    const items = pieces.map((piece, index): OutputItem => {
      if (typeof piece !== 'string')
        return this.functionCall(this.functionCallId(), piece, 'completed');
      const last = index === pieces.length - 1;
      return this.message(this.messageId(), cut && last ? 'incomplete' : 'completed', piece);
    });
    return items.length > 0
      ? items
      : [this.message(this.messageId(), cut ? 'incomplete' : 'completed', '')];
  }

  /**
   * The Response object: running (`outcome` undefined), completed, incomplete (cut at
   * `max_output_tokens`) or failed.
   */
  object(outcome?: ResponseOutcome): Record<string, unknown> {
    const status: ResponseStatus = outcome?.status ?? 'in_progress';
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
      output: outcome?.output ?? [],
      parallel_tool_calls: this.#echo.parallel_tool_calls,
      previous_response_id: this.#echo.previous_response_id,
      reasoning: null,
      store: this.#echo.store,
      temperature: this.#echo.temperature,
      text: { format: { type: 'text' } },
      tool_choice: this.#echo.tool_choice,
      tools: this.#echo.tools,
      top_p: this.#echo.top_p,
      truncation: 'disabled',
      metadata: this.#echo.metadata,
      // OpenAI's schema has no null usage: a running Response has none yet.
      ...(outcome === undefined ? {} : { usage: this.usage(outcome.replyCharacters) }),
    };
  }

  /** The estimated usage for a reply that counts for `replyCharacters`. */
  usage(replyCharacters: number): ResponseUsage {
    const counts = estimateUsage(this.#prompt.characters, replyCharacters);
    return {
      input_tokens: counts.prompt_tokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: counts.completion_tokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: counts.total_tokens,
    };
  }
}
