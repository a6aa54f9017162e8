/**
 * A content block: an object with a string `type`. Which types are served, and their fields, is
 * checked by `readMessagesInput`, so that a block the server cannot take (an image) gets a 400 that
 * says so and names the block.
 */
const contentBlock = {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string' } },
} as const;

const message = {
  type: 'object',
  required: ['role', 'content'],
  properties: {
    role: { type: 'string', enum: ['user', 'assistant', 'system'] },
    content: { type: ['string', 'array'], minItems: 1, items: contentBlock },
  },
} as const;

/** The fields `POST /v1/messages` and `POST /v1/messages/count_tokens` share. */
const promptProperties = {
  model: { type: 'string', minLength: 1 },
  messages: { type: 'array', minItems: 1, items: message },
  system: { type: ['string', 'array'], items: contentBlock },
  tools: { type: 'array', items: { type: 'object' } },
  tool_choice: {
    type: 'object',
    required: ['type'],
    properties: {
      type: { type: 'string', enum: ['auto', 'any', 'tool', 'none'] },
      name: { type: 'string' },
      disable_parallel_tool_use: { type: 'boolean' },
    },
  },
  mcp_servers: { type: 'array' },
  thinking: { type: 'object' },
} as const;

/**
 * The JSON schema of `POST /v1/messages`, validated by Fastify before the handler runs: the shape of
 * every field the server reads or accepts (Claude Code's `metadata`, `thinking`,
 * `context_management`, `output_config` included); fields it does not know are ignored.
 */
export const messagesBodySchema = {
  type: 'object',
  required: ['model', 'messages', 'max_tokens'],
  properties: {
    ...promptProperties,
    max_tokens: { type: 'integer', minimum: 1 },
    stop_sequences: {
      type: 'array',
      maxItems: 64,
      items: { type: 'string', minLength: 1 },
    },
    stream: { type: 'boolean' },
    temperature: { type: 'number', minimum: 0, maximum: 1 },
    top_p: { type: 'number', minimum: 0, maximum: 1 },
    top_k: { type: 'integer', minimum: 0 },
    metadata: { type: 'object' },
    context_management: { type: ['object', 'null'] },
    output_config: { type: 'object' },
    service_tier: { type: 'string' },
  },
} as const;

/** The JSON schema of `POST /v1/messages/count_tokens`: the prompt's fields only. */
export const countTokensBodySchema = {
  type: 'object',
  required: ['model', 'messages'],
  properties: promptProperties,
} as const;

/** A content block as the schema lets it through; `readMessagesInput` checks the rest. */
export interface ContentBlockParam {
  type: string;
  [field: string]: unknown;
}

/** A message of the request body, as the schema lets it through (`system`: text only). */
export interface MessageParam {
  role: 'user' | 'assistant' | 'system';
  content: string | readonly ContentBlockParam[];
}

/** `tool_choice`, as the schema lets it through. */
export interface ToolChoiceParam {
  type: 'auto' | 'any' | 'tool' | 'none';
  name?: string;
  disable_parallel_tool_use?: boolean;
}

/** The fields of a prompt (both routes), as the schema lets them through. */
export interface MessagesPromptBody {
  model: string;
  messages: readonly MessageParam[];
  system?: string | readonly ContentBlockParam[];
  tools?: readonly Record<string, unknown>[];
  tool_choice?: ToolChoiceParam;
  mcp_servers?: readonly unknown[];
}

/** The request body fields `POST /v1/messages` reads, as the schema lets them through. */
export interface MessagesBody extends MessagesPromptBody {
  max_tokens: number;
  stop_sequences?: readonly string[];
  stream?: boolean;
}
