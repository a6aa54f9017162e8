import type { Message } from '@freechat/core';
import type { ChatCompletionBody, ChatCompletionMessage } from './server-chat-schema.js';
import { invalidRequest } from './server-http-error.js';

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
}

/**
 * Reads a schema-valid request body. Asking for something no provider can give (several choices,
 * log probabilities, forced tool calls, JSON output, audio) is a 400 rather than a silent lie.
 *
 * @throws HttpError 400 naming the field.
 */
export function readChatInput(body: ChatCompletionBody): ChatInput {
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw invalidRequest('n', 'Only n=1 is supported: the providers give one reply per request.');
  }
  if (body.logprobs === true) {
    throw invalidRequest('logprobs', 'logprobs are not available from the providers.');
  }
  const toolChoice = body.tool_choice;
  if (toolChoice !== undefined && toolChoice !== 'none' && toolChoice !== 'auto') {
    throw invalidRequest(
      'tool_choice',
      'Tool calls cannot be forced: the providers never call tools. Use "auto" or "none".',
    );
  }
  if (body.response_format !== undefined && body.response_format.type !== 'text') {
    throw invalidRequest(
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
  };
}

function toMessage(message: ChatCompletionMessage): Message {
  const role = message.role === 'developer' ? 'system' : message.role;
  const { content } = message;
  if (content === null) return { role, content: '' };
  if (typeof content === 'string') return { role, content };
  return { role, content: content.map((part) => part.text).join('') };
}
