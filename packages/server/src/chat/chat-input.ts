import type { Message } from '@freechat/core';
import { invalidRequest } from '../http/http-error.js';
import { CHARACTERS_PER_TOKEN } from '../reply/usage.js';
import type { ChatCompletionBody, ChatCompletionMessage } from './chat-schema.js';

/** What a completion request asks for, in the providers' terms. */
export interface ChatInput {
  /** The conversation, with content parts joined and `developer` turned into `system`. */
  messages: Message[];
  /** The stop sequences (none, or up to four non-empty strings). */
  stops: string[];
  /** Whether to answer with server-sent events. */
  stream: boolean;
  /** Whether a streamed answer ends with a usage chunk. */
  includeUsage: boolean;
  /**
   * The longest reply in UTF-16 code units: `max_completion_tokens` (or `max_tokens`, the smaller of
   * the two when both are set) times CHARACTERS_PER_TOKEN, the same estimate as `usage`; undefined for
   * no limit.
   */
  maxCharacters: number | undefined;
  /** The parameters ignored under `dropParams` (empty otherwise). */
  droppedParams: string[];
}

/** How {@link readChatInput} treats what it cannot honour. */
export interface ChatInputOptions {
  /** Ignore `tools`, `functions`, a forced tool or function call and a forced `response_format` instead of refusing them. */
  dropParams?: boolean;
}

/**
 * Reads a schema-valid request body. Asking for something no provider can give (several choices,
 * log probabilities, tools, JSON output, audio) is a 400 rather than a silent lie; with `dropParams`,
 * tools, functions and a forced `response_format` are ignored instead, and listed in `droppedParams`.
 *
 * @throws HttpError 400 naming the field.
 */
export function readChatInput(body: ChatCompletionBody, options: ChatInputOptions = {}): ChatInput {
  const droppedParams: string[] = [];
  const refuse = (param: string, message: string) => {
    if (options.dropParams === true) droppedParams.push(param);
    else throw invalidRequest(param, `${message} (A server run with dropParams ignores it.)`);
  };
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw invalidRequest('n', 'Only n=1 is supported: the providers give one reply per request.');
  }
  if (body.logprobs === true) {
    throw invalidRequest('logprobs', 'logprobs are not available from the providers.');
  }
  const toolChoice = body.tool_choice;
  if (toolChoice !== undefined && toolChoice !== 'none' && toolChoice !== 'auto') {
    refuse(
      'tool_choice',
      'Tool calls cannot be forced: the providers never call tools. Use "auto" or "none".',
    );
  }
  if (body.tools !== undefined && body.tools.length > 0 && toolChoice !== 'none') {
    refuse(
      'tools',
      'Tools cannot be called: the providers only answer with text. Leave out `tools` or set tool_choice "none".',
    );
  }
  const functionCall = body.function_call;
  if (functionCall !== undefined && functionCall !== 'none' && functionCall !== 'auto') {
    refuse('function_call', 'Function calls cannot be forced: the providers never call functions.');
  }
  if (body.functions !== undefined && body.functions.length > 0 && functionCall !== 'none') {
    refuse(
      'functions',
      'Functions cannot be called: the providers only answer with text. Leave out `functions` or set function_call "none".',
    );
  }
  if (body.response_format !== undefined && body.response_format.type !== 'text') {
    refuse(
      'response_format',
      `response_format "${body.response_format.type}" cannot be guaranteed; only "text" is supported.`,
    );
  }
  if (body.modalities?.some((modality) => modality !== 'text')) {
    throw invalidRequest('modalities', 'Only the "text" modality is supported.');
  }
  if (body.audio !== undefined && body.audio !== null) {
    throw invalidRequest('audio', 'Audio output is not supported.');
  }
  const stop = body.stop ?? [];
  return {
    messages: body.messages.map(toMessage),
    stops: typeof stop === 'string' ? [stop] : [...stop],
    stream: body.stream === true,
    includeUsage: body.stream === true && body.stream_options?.include_usage === true,
    maxCharacters: maxCharacters(body),
    droppedParams,
  };
}

function maxCharacters(body: ChatCompletionBody): number | undefined {
  const limits = [body.max_completion_tokens, body.max_tokens].filter(
    (limit): limit is number => typeof limit === 'number',
  );
  return limits.length === 0 ? undefined : Math.min(...limits) * CHARACTERS_PER_TOKEN;
}

function toMessage(message: ChatCompletionMessage): Message {
  const role = message.role === 'developer' ? 'system' : message.role;
  const { content } = message;
  if (content === null) return { role, content: '' };
  if (typeof content === 'string') return { role, content };
  return { role, content: content.map((part) => part.text).join('') };
}
