/** A content part: only text parts are served (`{type: 'text', text}`). */
const textPart = {
  type: 'object',
  allOf: [
    { required: ['type'], properties: { type: { type: 'string', enum: ['text'] } } },
    { required: ['text'], properties: { text: { type: 'string' } } },
  ],
} as const;

/** A message; `content` may be null only for the assistant (OpenAI's form for a tool-call turn). */
const message = {
  type: 'object',
  required: ['role', 'content'],
  properties: {
    role: { type: 'string', enum: ['system', 'developer', 'user', 'assistant'] },
    content: { type: ['string', 'array', 'null'], minItems: 1, items: textPart },
    name: { type: 'string' },
  },
  if: { properties: { role: { not: { const: 'assistant' } } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords, not a thenable
  then: { properties: { content: { type: ['string', 'array'] } } },
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
    tools: { type: 'array', items: { type: 'object' } },
    tool_choice: { type: ['string', 'object'] },
    functions: { type: 'array', items: { type: 'object' } },
    function_call: { type: ['string', 'object'] },
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

/** A message of the request body, as the schema lets it through. */
export interface ChatCompletionMessage {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string | readonly { type: 'text'; text: string }[] | null;
  name?: string;
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
  tools?: readonly Record<string, unknown>[];
  tool_choice?: string | Record<string, unknown>;
  functions?: readonly Record<string, unknown>[];
  function_call?: string | Record<string, unknown>;
  response_format?: { type: string };
  modalities?: readonly string[] | null;
  audio?: unknown;
}
