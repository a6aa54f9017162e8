import type { Message } from '@freechat/core';
import { invalidRequest } from '../http/http-error.js';
import { CHARACTERS_PER_TOKEN } from '../reply/usage.js';
import type { ResponsesBody, ResponsesInputItem } from './responses-schema.js';

/** The request settings a Response object echoes back. */
export interface ResponsesEcho {
  instructions: string | null;
  temperature: number;
  top_p: number;
  metadata: Record<string, string>;
  parallel_tool_calls: boolean;
  tool_choice: 'auto' | 'none';
  max_output_tokens: number | null;
  /** The Response this one continues, or null. */
  previous_response_id: string | null;
  /** Whether the Response is stored (OpenAI's default: true). */
  store: boolean;
}

/** What a Responses request asks for, in the providers' terms. */
export interface ResponsesInput {
  /**
   * The conversation: `instructions` first (as a system message), then the earlier turns' items (of
   * `previous_response_id`), then the input.
   */
  messages: Message[];
  /** Whether to answer with the Responses event stream. */
  stream: boolean;
  /** The stop sequences: always none, the Responses API has none. */
  stops: readonly string[];
  /**
   * The longest reply in UTF-16 code units: `max_output_tokens` times CHARACTERS_PER_TOKEN (the same
   * cut as chat completions' `max_tokens`); undefined for no limit.
   */
  maxCharacters: number | undefined;
  /** The settings echoed in the Response object. */
  echo: ResponsesEcho;
}

/** The content part types read as text: the user's `input_text`, an earlier answer's `output_text`. */
const TEXT_PARTS = new Set(['input_text', 'output_text']);

/**
 * Reads a schema-valid request body, after `history`: the items of the turns it continues (stored
 * when they were input or output, so read the same way). Asking for what no provider can give
 * (tools, forced tool calls, structured output, conversation objects, background runs, non-text
 * input) is a 400 naming the field rather than a silent lie.
 *
 * @throws HttpError 400 naming the field.
 */
export function readResponsesInput(
  body: ResponsesBody,
  history: readonly ResponsesInputItem[] = [],
): ResponsesInput {
  if (body.tools !== undefined && body.tools !== null && body.tools.length > 0) {
    throw invalidRequest('tools', 'Tools are not supported: the providers never call tools.');
  }
  const toolChoice = body.tool_choice ?? 'auto';
  if (toolChoice !== 'auto' && toolChoice !== 'none') {
    throw invalidRequest(
      'tool_choice',
      'Tool calls cannot be forced: the providers never call tools. Use "auto" or "none".',
    );
  }
  const format = body.text?.format?.type ?? 'text';
  if (format !== 'text') {
    throw invalidRequest(
      'text.format',
      `text.format "${format}" cannot be guaranteed; only "text" is supported.`,
    );
  }
  if (body.conversation !== undefined && body.conversation !== null) {
    throw invalidRequest(
      'conversation',
      'conversation is not supported: continue with previous_response_id, or send the whole conversation as input.',
    );
  }
  if (body.background === true) {
    throw invalidRequest('background', 'Background responses are not supported.');
  }
  const instructions = body.instructions ?? null;
  const input: Message[] =
    typeof body.input === 'string'
      ? [{ role: 'user', content: body.input }]
      : body.input.map(toMessage);
  const last = input.length - 1;
  if (input[last]!.role !== 'user') {
    throw invalidRequest(
      typeof body.input === 'string' ? 'input' : `input[${last}].role`,
      "The last input message must be the user's.",
    );
  }
  const conversation = [...history.map(toMessage), ...input];
  return {
    messages:
      instructions === null
        ? conversation
        : [{ role: 'system', content: instructions }, ...conversation],
    stream: body.stream === true,
    stops: [],
    maxCharacters:
      body.max_output_tokens == null ? undefined : body.max_output_tokens * CHARACTERS_PER_TOKEN,
    echo: {
      instructions,
      temperature: body.temperature ?? 1,
      top_p: body.top_p ?? 1,
      metadata: body.metadata ?? {},
      parallel_tool_calls: body.parallel_tool_calls ?? true,
      tool_choice: toolChoice,
      max_output_tokens: body.max_output_tokens ?? null,
      previous_response_id: body.previous_response_id ?? null,
      store: body.store !== false,
    },
  };
}

function toMessage(item: ResponsesInputItem, index: number): Message {
  const param = `input[${index}]`;
  if (item.type !== undefined && item.type !== 'message') {
    throw invalidRequest(
      `${param}.type`,
      `Input items of type "${item.type}" are not supported; only messages are.`,
    );
  }
  if (item.role === undefined)
    throw invalidRequest(`${param}.role`, `Missing required parameter: '${param}.role'.`);
  if (item.content === undefined) {
    throw invalidRequest(`${param}.content`, `Missing required parameter: '${param}.content'.`);
  }
  const role = item.role === 'developer' ? 'system' : item.role;
  if (typeof item.content === 'string') return { role, content: item.content };
  let content = '';
  item.content.forEach((part, partIndex) => {
    const partParam = `${param}.content[${partIndex}]`;
    if (!TEXT_PARTS.has(part.type)) {
      throw invalidRequest(
        `${partParam}.type`,
        `Content parts of type "${part.type}" are not supported; only text parts ("input_text", "output_text") are.`,
      );
    }
    if (typeof part.text !== 'string') {
      throw invalidRequest(`${partParam}.text`, `Invalid '${partParam}.text': must be string.`);
    }
    content += part.text;
  });
  return { role, content };
}
