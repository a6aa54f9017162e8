/**
 * An input item: a message (`{role, content}`, with or without `type: 'message'`) or any other item
 * type, which the handler refuses by name. Content parts are checked by the handler too, so that the
 * 400 names the part type that is not served.
 */
const inputItem = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    role: { type: 'string', enum: ['system', 'developer', 'user', 'assistant'] },
    content: {
      type: ['string', 'array'],
      items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
    },
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
    tools: { type: ['array', 'null'], items: { type: 'object' } },
    tool_choice: { type: ['string', 'object', 'null'] },
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
  tools?: readonly Record<string, unknown>[] | null;
  tool_choice?: string | Record<string, unknown> | null;
  text?: { format?: { type: string } | null } | null;
  previous_response_id?: string | null;
  store?: boolean | null;
  conversation?: string | Record<string, unknown> | null;
  background?: boolean | null;
}
