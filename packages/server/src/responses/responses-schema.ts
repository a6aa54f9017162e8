/** Content parts: each an object with a type (the handler names a type that is not served). */
const contentParts = {
  type: 'array',
  items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
} as const;

/**
 * An input item: a message (`{role, content}`, with or without `type: 'message'`), a function call
 * the assistant made (`function_call`), a function's result (`function_call_output`), or any other
 * item type, which the handler refuses by name. Which fields an item needs is checked by the
 * handler too, so that the 400 names the item's field; content parts likewise.
 */
const inputItem = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    role: { type: 'string', enum: ['system', 'developer', 'user', 'assistant'] },
    content: { type: ['string', 'array'], items: contentParts.items },
    call_id: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    arguments: { type: 'string' },
    output: { type: ['string', 'array'], items: contentParts.items },
  },
} as const;

/** A tool: a `function` tool (flat: name, description, parameters, strict), or another type. */
const tool = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string' },
    name: { type: 'string' },
    description: { type: ['string', 'null'] },
    parameters: { type: ['object', 'null'] },
    strict: { type: ['boolean', 'null'] },
  },
} as const;

const nullableNumber = (minimum: number, maximum: number) =>
  ({ type: ['number', 'null'], minimum, maximum }) as const;

/**
 * The JSON schema of `POST /v1/responses`, validated by Fastify before the handler runs. It checks the
 * shape of every field the server reads or accepts; fields it does not know are ignored.
 */
export const responsesBodySchema = {
  type: 'object',
  required: ['model', 'input'],
  properties: {
    model: { type: 'string', minLength: 1 },
    input: { type: ['string', 'array'], minLength: 1, minItems: 1, items: inputItem },
    instructions: { type: ['string', 'null'] },
    stream: { type: ['boolean', 'null'] },
    stream_options: { type: ['object', 'null'] },
    temperature: nullableNumber(0, 2),
    top_p: nullableNumber(0, 1),
    max_output_tokens: { type: ['integer', 'null'], minimum: 1 },
    metadata: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
    parallel_tool_calls: { type: ['boolean', 'null'] },
    tools: { type: ['array', 'null'], items: tool },
    tool_choice: {
      type: ['string', 'object', 'null'],
      properties: { type: { type: 'string' }, name: { type: 'string' } },
    },
    text: {
      type: ['object', 'null'],
      properties: {
        format: {
          type: ['object', 'null'],
          required: ['type'],
          properties: { type: { type: 'string' } },
        },
      },
    },
    previous_response_id: { type: ['string', 'null'] },
    conversation: { type: ['string', 'object', 'null'] },
    background: { type: ['boolean', 'null'] },
    store: { type: ['boolean', 'null'] },
    include: { type: ['array', 'null'], items: { type: 'string' } },
    reasoning: { type: ['object', 'null'] },
    truncation: { type: ['string', 'null'], enum: ['auto', 'disabled', null] },
    user: { type: 'string' },
    safety_identifier: { type: 'string' },
    prompt_cache_key: { type: 'string' },
    service_tier: { type: ['string', 'null'] },
  },
} as const;

/** A content part of an input message, as the schema lets it through. */
export interface ResponsesInputPart {
  type: string;
  text?: unknown;
}

/** An input item, as the schema lets it through. */
export interface ResponsesInputItem {
  type?: string;
  role?: 'system' | 'developer' | 'user' | 'assistant';
  content?: string | readonly ResponsesInputPart[];
  /** A function call's id (`call_…`), in a `function_call` and the `function_call_output` answering it. */
  call_id?: string;
  /** A `function_call`'s function. */
  name?: string;
  /** A `function_call`'s arguments, a JSON string. */
  arguments?: string;
  /** A `function_call_output`'s result: a text or text parts. */
  output?: string | readonly ResponsesInputPart[];
}

/** A tool, as the schema lets it through (only `function` tools are served). */
export interface ResponsesTool {
  type: string;
  name?: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

/** The request body fields the server reads, as the schema lets them through. */
export interface ResponsesBody {
  model: string;
  input: string | readonly ResponsesInputItem[];
  instructions?: string | null;
  stream?: boolean | null;
  temperature?: number | null;
  top_p?: number | null;
  max_output_tokens?: number | null;
  metadata?: Record<string, string> | null;
  parallel_tool_calls?: boolean | null;
  tools?: readonly ResponsesTool[] | null;
  tool_choice?: string | { type?: string; name?: string } | null;
  text?: { format?: { type: string } | null } | null;
  previous_response_id?: string | null;
  store?: boolean | null;
  conversation?: string | Record<string, unknown> | null;
  background?: boolean | null;
}
