/** A content part: only text parts are served (`{type: 'text', text}`). */
const textPart = {
  type: 'object',
  allOf: [
    { required: ['type'], properties: { type: { type: 'string', enum: ['text'] } } },
    { required: ['text'], properties: { text: { type: 'string' } } },
  ],
} as const;

/** An earlier tool call of the assistant, in OpenAI's form (only `function` calls are served). */
const toolCall = {
  type: 'object',
  required: ['id', 'type', 'function'],
  properties: {
    id: { type: 'string', minLength: 1 },
    type: { type: 'string', enum: ['function'] },
    function: {
      type: 'object',
      required: ['name', 'arguments'],
      properties: { name: { type: 'string', minLength: 1 }, arguments: { type: 'string' } },
    },
  },
} as const;

/** A function's definition: in a `function` tool, or an entry of the deprecated `functions`. */
const functionDefinition = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    description: { type: ['string', 'null'] },
    parameters: { type: 'object' },
    strict: { type: ['boolean', 'null'] },
  },
} as const;

/**
 * A message. `content` may be null or absent only for the assistant (a tool-call turn) and for the
 * deprecated `function` role's result; a tool's result names its call (`tool_call_id`), a function's
 * result its function (`name`).
 */
const message = {
  type: 'object',
  required: ['role'],
  properties: {
    role: {
      type: 'string',
      enum: ['system', 'developer', 'user', 'assistant', 'tool', 'function'],
    },
    content: { type: ['string', 'array', 'null'], minItems: 1, items: textPart },
    name: { type: 'string' },
    tool_calls: { type: ['array', 'null'], items: toolCall },
    tool_call_id: { type: 'string', minLength: 1 },
    function_call: {
      type: ['object', 'null'],
      required: ['name', 'arguments'],
      properties: { name: { type: 'string', minLength: 1 }, arguments: { type: 'string' } },
    },
  },
  allOf: [
    {
      if: { properties: { role: { enum: ['system', 'developer', 'user', 'tool'] } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
      then: { required: ['content'], properties: { content: { type: ['string', 'array'] } } },
    },
    {
      if: { properties: { role: { const: 'tool' } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
      then: { required: ['tool_call_id'] },
    },
    {
      if: { properties: { role: { const: 'function' } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
      then: { required: ['name'] },
    },
  ],
} as const;

const nullableNumber = (minimum: number, maximum: number) =>
  ({ type: ['number', 'null'], minimum, maximum }) as const;

/**
 * The JSON schema of `POST /v1/chat/completions`, validated by Fastify before the handler runs. It
 * checks the shape of every field the server reads or accepts; fields it does not know are ignored.
 */
export const chatCompletionBodySchema = {
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string', minLength: 1 },
    messages: { type: 'array', minItems: 1, items: message },
    stream: { type: ['boolean', 'null'] },
    stream_options: {
      type: ['object', 'null'],
      properties: { include_usage: { type: 'boolean' } },
    },
    stop: {
      type: ['string', 'array', 'null'],
      minLength: 1,
      maxItems: 4,
      items: { type: 'string', minLength: 1 },
    },
    n: { type: ['integer', 'null'], minimum: 1 },
    temperature: nullableNumber(0, 2),
    top_p: nullableNumber(0, 1),
    presence_penalty: nullableNumber(-2, 2),
    frequency_penalty: nullableNumber(-2, 2),
    max_tokens: { type: ['integer', 'null'], minimum: 1 },
    max_completion_tokens: { type: ['integer', 'null'], minimum: 1 },
    seed: { type: ['integer', 'null'] },
    user: { type: 'string' },
    logit_bias: { type: ['object', 'null'] },
    logprobs: { type: ['boolean', 'null'] },
    top_logprobs: { type: ['integer', 'null'], minimum: 0, maximum: 20 },
    tools: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: { type: { type: 'string' }, function: functionDefinition },
      },
    },
    tool_choice: {
      type: ['string', 'object'],
      properties: {
        type: { type: 'string' },
        function: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      },
    },
    functions: { type: 'array', items: functionDefinition },
    function_call: {
      type: ['string', 'object'],
      required: ['name'],
      properties: { name: { type: 'string' } },
    },
    parallel_tool_calls: { type: 'boolean' },
    response_format: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string' } },
    },
    modalities: { type: ['array', 'null'], items: { type: 'string' } },
    metadata: { type: ['object', 'null'] },
    store: { type: ['boolean', 'null'] },
    service_tier: { type: ['string', 'null'] },
    reasoning_effort: { type: ['string', 'null'] },
  },
} as const;

/** Text content, as the schema lets it through: a string or text parts. */
export type ChatContent = string | readonly { type: 'text'; text: string }[];

/** A function's name and arguments (a JSON string), as OpenAI writes a call. */
export interface ChatFunctionCall {
  name: string;
  arguments: string;
}

/** A function's definition, as the schema lets it through. */
export interface ChatFunctionDefinition {
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown>;
  strict?: boolean | null;
}

/** A tool of the request body, as the schema lets it through (only `function` tools are served). */
export interface ChatTool {
  type: string;
  function?: ChatFunctionDefinition;
}

/** A message of the request body, as the schema lets it through. */
export interface ChatCompletionMessage {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';
  /** Null or absent only for the assistant and the `function` role. */
  content?: ChatContent | null;
  name?: string;
  /** The assistant's calls. */
  tool_calls?: readonly { id: string; type: 'function'; function: ChatFunctionCall }[] | null;
  /** The call a `tool` message answers. */
  tool_call_id?: string;
  /** The assistant's call of a function (deprecated). */
  function_call?: ChatFunctionCall | null;
}

/** The request body fields the server reads, as the schema lets them through. */
export interface ChatCompletionBody {
  model: string;
  messages: readonly ChatCompletionMessage[];
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  stop?: string | readonly string[] | null;
  n?: number | null;
  logprobs?: boolean | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  tools?: readonly ChatTool[];
  tool_choice?: string | { type?: string; function?: { name: string } };
  functions?: readonly ChatFunctionDefinition[];
  function_call?: string | { name: string };
  parallel_tool_calls?: boolean;
  response_format?: { type: string };
  modalities?: readonly string[] | null;
  audio?: unknown;
}
