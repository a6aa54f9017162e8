import type { ToolCallPart } from '@freechat/core';
import type { FinishReason } from '../reply/reply-source.js';
import { CHARACTERS_PER_TOKEN } from '../reply/usage.js';

/** Why a message ended, in Anthropic's words. */
export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';

/** How a message ended: the reason, and the stop sequence met (`stop_sequence` only). */
export interface MessageStop {
  reason: StopReason;
  sequence: string | null;
}

/**
 * How a reply that ended for `finishReason` ends as a message: `max_tokens` when it reached its
 * length limit, else `stop_sequence` (naming it) when its text ended at a stop sequence — after
 * calls too —, else `tool_use` when it called tools, else `end_turn`.
 */
export function messageStop(
  finishReason: FinishReason,
  stopSequence: string | undefined,
): MessageStop {
  if (finishReason === 'length') return { reason: 'max_tokens', sequence: null };
  if (stopSequence !== undefined) return { reason: 'stop_sequence', sequence: stopSequence };
  return { reason: finishReason === 'tool_calls' ? 'tool_use' : 'end_turn', sequence: null };
}

/** What every event and the body of one message share. */
export interface MessageIdentity {
  /** `msg_…` */
  id: string;
  /** The model name echoed back. */
  model: string;
}

/** A `text` block (`citations` is always null: the sites cite nothing). */
export interface TextBlock {
  type: 'text';
  text: string;
  citations: null;
}

/** A `tool_use` block: a call the client is to run, made by the model itself (`caller`). */
export interface ToolUseBlock {
  type: 'tool_use';
  /** `toolu_…` */
  id: string;
  name: string;
  input: Record<string, unknown>;
  caller: { type: 'direct' };
}

/** A block of a message's `content`. */
export type ContentBlock = TextBlock | ToolUseBlock;

/**
 * Anthropic's `usage`: the estimated input and output tokens (characters divided by
 * CHARACTERS_PER_TOKEN, rounded up, as the OpenAI routes count), no cache, nothing else known.
 */
export interface MessageUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: 0;
  cache_read_input_tokens: 0;
  cache_creation: null;
  inference_geo: null;
  output_tokens_details: null;
  server_tool_use: null;
  service_tier: null;
  speed: null;
}

/** A whole message, as `POST /v1/messages` answers without `stream` (and `message_start` opens with). */
export interface MessageObject {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  stop_details: null;
  container: null;
  diagnostics: null;
  usage: MessageUsage;
}

/**
 * What a call counts toward `max_tokens` and `output_tokens`, as a message's text counts its UTF-16
 * code units: its input's JSON.
 */
export function toolUseCharacters(call: ToolCallPart): number {
  return call.argumentsText.length;
}

/** The tokens of `characters` UTF-16 code units, estimated as everywhere in the server. */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / CHARACTERS_PER_TOKEN);
}

/** A message's `usage` for its estimated tokens. */
export function messageUsage(inputTokens: number, outputTokens: number): MessageUsage {
  return {
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: null,
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: null,
    speed: null,
  };
}

/** The message object; `stop` is null for the one `message_start` carries. */
export function messageObject(
  identity: MessageIdentity,
  content: ContentBlock[],
  stop: MessageStop | null,
  usage: MessageUsage,
): MessageObject {
  return {
    id: identity.id,
    type: 'message',
    role: 'assistant',
    model: identity.model,
    content,
    stop_reason: stop?.reason ?? null,
    stop_sequence: stop?.sequence ?? null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage,
  };
}

/**
 * A valid call as a `tool_use` block. Its id is core's (`call_` and 24 random characters) under
 * Anthropic's prefix, `toolu_`; a `tool_result` names it back, and ids are opaque to core.
 */
export function toolUseBlock(call: ToolCallPart): ToolUseBlock {
  return {
    type: 'tool_use',
    id: call.id.replace(/^call_/, 'toolu_'),
    name: call.name,
    input: call.arguments,
    caller: { type: 'direct' },
  };
}
