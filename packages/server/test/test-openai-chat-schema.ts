/**
 * The shapes a freechat chat completion and its stream chunks must have, as JSON Schema, written from
 * the official `openai` npm client's types (`openai` 7.59.0, `resources/chat/completions/
 * completions.d.ts`: `ChatCompletion`, `ChatCompletion.Choice`, `ChatCompletionMessage`,
 * `ChatCompletionMessageFunctionToolCall`, `ChatCompletionChunk`, `ChatCompletionChunk.Choice`,
 * `ChatCompletionChunk.Choice.Delta` and its `ToolCall`, `FunctionCall`; `resources/completions.d.ts`:
 * `CompletionUsage`). A type's required members are `required`; an optional one may be absent.
 *
 * Stricter than the types, never looser: an object whose every member the types list has
 * `additionalProperties: false` (a misspelt `tool_call` fails), and what a freechat reply never holds
 * (audio, annotations, log probabilities' content, custom tool calls, moderation) is left out, so it
 * cannot appear either.
 */
export const openaiChatSpec = {
  $id: 'openai-chat',
  definitions: {
    ChatCompletion: {
      type: 'object',
      required: ['id', 'choices', 'created', 'model', 'object'],
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        choices: { type: 'array', items: { $ref: '#/definitions/ChatCompletionChoice' } },
        created: { type: 'integer' },
        model: { type: 'string' },
        object: { const: 'chat.completion' },
        service_tier: { enum: ['auto', 'default', 'flex', 'scale', 'priority', 'fast', null] },
        system_fingerprint: { type: 'string' },
        usage: { $ref: '#/definitions/CompletionUsage' },
      },
    },
    ChatCompletionChoice: {
      type: 'object',
      required: ['finish_reason', 'index', 'logprobs', 'message'],
      additionalProperties: false,
      properties: {
        finish_reason: { $ref: '#/definitions/FinishReason' },
        index: { type: 'integer' },
        logprobs: { type: 'null' },
        message: { $ref: '#/definitions/ChatCompletionMessage' },
      },
    },
    FinishReason: { enum: ['stop', 'length', 'tool_calls', 'content_filter', 'function_call'] },
    ChatCompletionMessage: {
      type: 'object',
      required: ['content', 'refusal', 'role'],
      additionalProperties: false,
      properties: {
        content: { type: ['string', 'null'] },
        refusal: { type: ['string', 'null'] },
        role: { const: 'assistant' },
        function_call: {
          anyOf: [{ $ref: '#/definitions/FunctionCall' }, { type: 'null' }],
        },
        tool_calls: {
          type: 'array',
          items: { $ref: '#/definitions/ChatCompletionMessageFunctionToolCall' },
        },
      },
    },
    ChatCompletionMessageFunctionToolCall: {
      type: 'object',
      required: ['id', 'function', 'type'],
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        function: { $ref: '#/definitions/FunctionCall' },
        type: { const: 'function' },
      },
    },
    FunctionCall: {
      type: 'object',
      required: ['arguments', 'name'],
      additionalProperties: false,
      properties: { arguments: { type: 'string' }, name: { type: 'string' } },
    },
    CompletionUsage: {
      type: 'object',
      required: ['completion_tokens', 'prompt_tokens', 'total_tokens'],
      additionalProperties: false,
      properties: {
        completion_tokens: { type: 'integer' },
        prompt_tokens: { type: 'integer' },
        total_tokens: { type: 'integer' },
      },
    },
    ChatCompletionChunk: {
      type: 'object',
      required: ['id', 'choices', 'created', 'model', 'object'],
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        choices: { type: 'array', items: { $ref: '#/definitions/ChatCompletionChunkChoice' } },
        created: { type: 'integer' },
        model: { type: 'string' },
        object: { const: 'chat.completion.chunk' },
        service_tier: { enum: ['auto', 'default', 'flex', 'scale', 'priority', 'fast', null] },
        system_fingerprint: { type: 'string' },
        usage: { anyOf: [{ $ref: '#/definitions/CompletionUsage' }, { type: 'null' }] },
      },
    },
    ChatCompletionChunkChoice: {
      type: 'object',
      required: ['delta', 'finish_reason', 'index'],
      additionalProperties: false,
      properties: {
        delta: { $ref: '#/definitions/ChatCompletionChunkDelta' },
        finish_reason: {
          anyOf: [{ $ref: '#/definitions/FinishReason' }, { type: 'null' }],
        },
        index: { type: 'integer' },
        logprobs: { type: 'null' },
      },
    },
    ChatCompletionChunkDelta: {
      type: 'object',
      additionalProperties: false,
      properties: {
        content: { type: ['string', 'null'] },
        function_call: {
          type: 'object',
          additionalProperties: false,
          properties: { arguments: { type: 'string' }, name: { type: 'string' } },
        },
        refusal: { type: ['string', 'null'] },
        role: { enum: ['developer', 'system', 'user', 'assistant', 'tool'] },
        tool_calls: { type: 'array', items: { $ref: '#/definitions/ChatCompletionChunkToolCall' } },
      },
    },
    ChatCompletionChunkToolCall: {
      type: 'object',
      required: ['index'],
      additionalProperties: false,
      properties: {
        index: { type: 'integer' },
        id: { type: 'string' },
        function: {
          type: 'object',
          additionalProperties: false,
          properties: { arguments: { type: 'string' }, name: { type: 'string' } },
        },
        type: { const: 'function' },
      },
    },
  },
} as const;
