/**
 * The part of OpenAI's published OpenAPI description that a freechat Response, its stream events and
 * its error bodies must satisfy, vendored as a test fixture (a published spec: facts, not code).
 *
 * Source: `openapi.documented.yml` of OpenAI's API description ("OpenAI API", `info.version` 2.3.0,
 * OpenAPI 3.1.0), as vendored by the 64bit/async-openai repository at commit
 * 2c8776b35eb49a83f97165f31ac0b2e7422114ef, `components.schemas`. Copied as they are there, minus
 * `description`, `title`, `example`, `default` and `x-*` annotations (they do not validate), except:
 *
 * - every schema that a freechat Response never contains (other output item types, other tools,
 *   other tool choices, non-text formats, reasoning, prompts, conversations, input
 *   items, service tiers, verbosity levels, annotations, log probabilities) is `false`: nothing can
 *   match it, so the fixture is stricter than the spec, never looser;
 * - the enums of known model ids in `ModelIdsShared` and `ModelIdsResponses` are left out: both sit
 *   beside a plain `{type: 'string'}` branch, so they never decide a validation.
 *
 * `discriminator` is kept; it is an annotation here (ajv runs with `strict: false`).
 *
 * The components of function calling (`FunctionToolCall`, `Tool` as a `FunctionTool`,
 * `ToolChoiceFunction`, `ResponseFunctionCallArgumentsDeltaEvent` and `…DoneEvent`) are written from
 * the official `openai` npm client's types instead (`openai` 7.59.0, `resources/responses/
 * responses.d.ts`: `ResponseFunctionToolCall`, `FunctionTool`, `ToolChoiceFunction`,
 * `ResponseFunctionCallArgumentsDeltaEvent`, `ResponseFunctionCallArgumentsDoneEvent`), the same
 * way: a type's required members required, and nothing a freechat Response never holds (`caller`,
 * `namespace`, `async`, `defer_loading`, `output_schema`, `allowed_callers`).
 */
export const openaiResponsesSpec = {
  $id: 'openai-responses',
  components: {
    schemas: {
      Response: {
        allOf: [
          { $ref: '#/components/schemas/ModelResponseProperties' },
          { $ref: '#/components/schemas/ResponseProperties' },
          {
            type: 'object',
            properties: {
              id: { type: 'string' },
              object: { type: 'string', enum: ['response'] },
              status: {
                type: 'string',
                enum: ['completed', 'failed', 'in_progress', 'cancelled', 'queued', 'incomplete'],
              },
              created_at: { type: 'number' },
              completed_at: { anyOf: [{ type: 'number' }, { type: 'null' }] },
              error: { $ref: '#/components/schemas/ResponseError' },
              incomplete_details: {
                anyOf: [
                  {
                    type: 'object',
                    properties: {
                      reason: { type: 'string', enum: ['max_output_tokens', 'content_filter'] },
                    },
                  },
                  { type: 'null' },
                ],
              },
              output: { type: 'array', items: { $ref: '#/components/schemas/OutputItem' } },
              instructions: {
                anyOf: [
                  {
                    oneOf: [
                      { type: 'string' },
                      { type: 'array', items: { $ref: '#/components/schemas/InputItem' } },
                    ],
                  },
                  { type: 'null' },
                ],
              },
              output_text: { anyOf: [{ type: 'string' }, { type: 'null' }] },
              usage: { $ref: '#/components/schemas/ResponseUsage' },
              parallel_tool_calls: { type: 'boolean' },
              conversation: {
                anyOf: [{ $ref: '#/components/schemas/Conversation-2' }, { type: 'null' }],
              },
            },
            required: [
              'id',
              'object',
              'created_at',
              'error',
              'incomplete_details',
              'instructions',
              'model',
              'tools',
              'output',
              'parallel_tool_calls',
              'metadata',
              'tool_choice',
              'temperature',
              'top_p',
            ],
          },
        ],
      },
      ModelResponseProperties: {
        type: 'object',
        properties: {
          metadata: { $ref: '#/components/schemas/Metadata' },
          top_logprobs: {
            anyOf: [{ type: 'integer', minimum: 0, maximum: 20 }, { type: 'null' }],
          },
          temperature: { anyOf: [{ type: 'number', minimum: 0, maximum: 2 }, { type: 'null' }] },
          top_p: { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'null' }] },
          user: { type: 'string' },
          safety_identifier: { type: 'string', maxLength: 64 },
          prompt_cache_key: { type: 'string' },
          service_tier: { $ref: '#/components/schemas/ServiceTier' },
          prompt_cache_retention: {
            anyOf: [{ type: 'string', enum: ['in-memory', '24h'] }, { type: 'null' }],
          },
        },
      },
      ResponseProperties: {
        type: 'object',
        properties: {
          previous_response_id: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          model: { $ref: '#/components/schemas/ModelIdsResponses' },
          reasoning: { anyOf: [{ $ref: '#/components/schemas/Reasoning' }, { type: 'null' }] },
          background: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
          max_output_tokens: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
          max_tool_calls: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
          text: { $ref: '#/components/schemas/ResponseTextParam' },
          tools: { $ref: '#/components/schemas/ToolsArray' },
          tool_choice: { $ref: '#/components/schemas/ToolChoiceParam' },
          prompt: { $ref: '#/components/schemas/Prompt' },
          truncation: { anyOf: [{ type: 'string', enum: ['auto', 'disabled'] }, { type: 'null' }] },
        },
      },
      Metadata: {
        anyOf: [{ type: 'object', additionalProperties: { type: 'string' } }, { type: 'null' }],
      },
      ModelIdsResponses: {
        anyOf: [{ $ref: '#/components/schemas/ModelIdsShared' }, { type: 'string' }],
      },
      ModelIdsShared: { anyOf: [{ type: 'string' }, { type: 'string' }] },
      ResponseError: {
        anyOf: [
          {
            type: 'object',
            properties: {
              code: { $ref: '#/components/schemas/ResponseErrorCode' },
              message: { type: 'string' },
            },
            required: ['code', 'message'],
          },
          { type: 'null' },
        ],
      },
      ResponseErrorCode: {
        type: 'string',
        enum: [
          'server_error',
          'rate_limit_exceeded',
          'invalid_prompt',
          'vector_store_timeout',
          'invalid_image',
          'invalid_image_format',
          'invalid_base64_image',
          'invalid_image_url',
          'image_too_large',
          'image_too_small',
          'image_parse_error',
          'image_content_policy_violation',
          'invalid_image_mode',
          'image_file_too_large',
          'unsupported_image_media_type',
          'empty_image_file',
          'failed_to_download_image',
          'image_file_not_found',
        ],
      },
      ResponseUsage: {
        type: 'object',
        properties: {
          input_tokens: { type: 'integer' },
          input_tokens_details: {
            type: 'object',
            properties: { cached_tokens: { type: 'integer' } },
            required: ['cached_tokens'],
          },
          output_tokens: { type: 'integer' },
          output_tokens_details: {
            type: 'object',
            properties: { reasoning_tokens: { type: 'integer' } },
            required: ['reasoning_tokens'],
          },
          total_tokens: { type: 'integer' },
        },
        required: [
          'input_tokens',
          'input_tokens_details',
          'output_tokens',
          'output_tokens_details',
          'total_tokens',
        ],
      },
      ResponseTextParam: {
        type: 'object',
        properties: {
          format: { $ref: '#/components/schemas/TextResponseFormatConfiguration' },
          verbosity: { $ref: '#/components/schemas/Verbosity' },
        },
      },
      TextResponseFormatConfiguration: {
        anyOf: [
          { $ref: '#/components/schemas/ResponseFormatText' },
          { $ref: '#/components/schemas/TextResponseFormatJsonSchema' },
          { $ref: '#/components/schemas/ResponseFormatJsonObject' },
        ],
        discriminator: { propertyName: 'type' },
      },
      ResponseFormatText: {
        type: 'object',
        properties: { type: { type: 'string', enum: ['text'] } },
        required: ['type'],
      },
      ToolsArray: { type: 'array', items: { $ref: '#/components/schemas/Tool' } },
      ToolChoiceParam: {
        oneOf: [
          { $ref: '#/components/schemas/ToolChoiceOptions' },
          { $ref: '#/components/schemas/ToolChoiceAllowed' },
          { $ref: '#/components/schemas/ToolChoiceTypes' },
          { $ref: '#/components/schemas/ToolChoiceFunction' },
          { $ref: '#/components/schemas/ToolChoiceMCP' },
          { $ref: '#/components/schemas/ToolChoiceCustom' },
          { $ref: '#/components/schemas/SpecificApplyPatchParam' },
          { $ref: '#/components/schemas/SpecificFunctionShellParam' },
        ],
      },
      ToolChoiceOptions: { type: 'string', enum: ['none', 'auto', 'required'] },
      OutputItem: {
        anyOf: [
          { $ref: '#/components/schemas/OutputMessage' },
          { $ref: '#/components/schemas/FileSearchToolCall' },
          { $ref: '#/components/schemas/FunctionToolCall' },
          { $ref: '#/components/schemas/WebSearchToolCall' },
          { $ref: '#/components/schemas/ComputerToolCall' },
          { $ref: '#/components/schemas/ReasoningItem' },
          { $ref: '#/components/schemas/ToolSearchCall' },
          { $ref: '#/components/schemas/ToolSearchOutput' },
          { $ref: '#/components/schemas/CompactionBody' },
          { $ref: '#/components/schemas/ImageGenToolCall' },
          { $ref: '#/components/schemas/CodeInterpreterToolCall' },
          { $ref: '#/components/schemas/LocalShellToolCall' },
          { $ref: '#/components/schemas/FunctionShellCall' },
          { $ref: '#/components/schemas/FunctionShellCallOutput' },
          { $ref: '#/components/schemas/ApplyPatchToolCall' },
          { $ref: '#/components/schemas/ApplyPatchToolCallOutput' },
          { $ref: '#/components/schemas/MCPToolCall' },
          { $ref: '#/components/schemas/MCPListTools' },
          { $ref: '#/components/schemas/MCPApprovalRequest' },
          { $ref: '#/components/schemas/CustomToolCall' },
        ],
        discriminator: { propertyName: 'type' },
      },
      OutputMessage: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          type: { type: 'string', enum: ['message'] },
          role: { type: 'string', enum: ['assistant'] },
          content: { type: 'array', items: { $ref: '#/components/schemas/OutputMessageContent' } },
          phase: { anyOf: [{ $ref: '#/components/schemas/MessagePhase' }, { type: 'null' }] },
          status: { type: 'string', enum: ['in_progress', 'completed', 'incomplete'] },
        },
        required: ['id', 'type', 'role', 'content', 'status'],
      },
      MessagePhase: { type: 'string', enum: ['commentary', 'final_answer'] },
      OutputMessageContent: {
        oneOf: [
          { $ref: '#/components/schemas/OutputTextContent' },
          { $ref: '#/components/schemas/RefusalContent' },
        ],
        discriminator: { propertyName: 'type' },
      },
      OutputContent: {
        oneOf: [
          { $ref: '#/components/schemas/OutputTextContent' },
          { $ref: '#/components/schemas/RefusalContent' },
          { $ref: '#/components/schemas/ReasoningTextContent' },
        ],
        discriminator: { propertyName: 'type' },
      },
      OutputTextContent: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['output_text'] },
          text: { type: 'string' },
          annotations: { type: 'array', items: { $ref: '#/components/schemas/Annotation' } },
          logprobs: { type: 'array', items: { $ref: '#/components/schemas/LogProb' } },
        },
        required: ['type', 'text', 'annotations', 'logprobs'],
      },
      RefusalContent: {
        type: 'object',
        properties: { type: { type: 'string', enum: ['refusal'] }, refusal: { type: 'string' } },
        required: ['type', 'refusal'],
      },
      ReasoningTextContent: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['reasoning_text'] },
          text: { type: 'string' },
        },
        required: ['type', 'text'],
      },
      ResponseCreatedEvent: responseEvent('response.created'),
      ResponseInProgressEvent: responseEvent('response.in_progress'),
      ResponseCompletedEvent: responseEvent('response.completed'),
      ResponseFailedEvent: responseEvent('response.failed'),
      ResponseIncompleteEvent: responseEvent('response.incomplete'),
      ResponseOutputItemAddedEvent: outputItemEvent('response.output_item.added'),
      ResponseOutputItemDoneEvent: outputItemEvent('response.output_item.done'),
      ResponseContentPartAddedEvent: contentPartEvent('response.content_part.added'),
      ResponseContentPartDoneEvent: contentPartEvent('response.content_part.done'),
      ResponseTextDeltaEvent: textEvent('response.output_text.delta', 'delta'),
      ResponseTextDoneEvent: textEvent('response.output_text.done', 'text'),
      ResponseErrorEvent: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['error'] },
          code: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          message: { type: 'string' },
          param: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          sequence_number: { type: 'integer' },
        },
        required: ['type', 'code', 'message', 'param', 'sequence_number'],
      },
      ErrorResponse: {
        type: 'object',
        properties: { error: { $ref: '#/components/schemas/Error' } },
        required: ['error'],
      },
      Error: {
        type: 'object',
        properties: {
          code: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          message: { type: 'string' },
          param: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          type: { type: 'string' },
        },
        required: ['type', 'message', 'param', 'code'],
      },
      // Not vendored: a freechat Response never holds any of these (see the note above).
      FileSearchToolCall: false,
      FunctionToolCall: {
        type: 'object',
        required: ['type', 'call_id', 'name', 'arguments'],
        additionalProperties: false,
        properties: {
          type: { type: 'string', enum: ['function_call'] },
          id: { type: 'string' },
          call_id: { type: 'string' },
          name: { type: 'string' },
          arguments: { type: 'string' },
          status: { type: 'string', enum: ['in_progress', 'completed', 'incomplete'] },
        },
      },
      Tool: {
        type: 'object',
        required: ['type', 'name', 'parameters', 'strict'],
        additionalProperties: false,
        properties: {
          type: { type: 'string', enum: ['function'] },
          name: { type: 'string' },
          description: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          parameters: { anyOf: [{ type: 'object' }, { type: 'null' }] },
          strict: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
        },
      },
      ToolChoiceFunction: {
        type: 'object',
        required: ['type', 'name'],
        additionalProperties: false,
        properties: { type: { type: 'string', enum: ['function'] }, name: { type: 'string' } },
      },
      ResponseFunctionCallArgumentsDeltaEvent: functionArgumentsEvent(
        'response.function_call_arguments.delta',
        'delta',
      ),
      ResponseFunctionCallArgumentsDoneEvent: functionArgumentsEvent(
        'response.function_call_arguments.done',
        'arguments',
      ),
      WebSearchToolCall: false,
      ComputerToolCall: false,
      ReasoningItem: false,
      ToolSearchCall: false,
      ToolSearchOutput: false,
      CompactionBody: false,
      ImageGenToolCall: false,
      CodeInterpreterToolCall: false,
      LocalShellToolCall: false,
      FunctionShellCall: false,
      FunctionShellCallOutput: false,
      ApplyPatchToolCall: false,
      ApplyPatchToolCallOutput: false,
      MCPToolCall: false,
      MCPListTools: false,
      MCPApprovalRequest: false,
      CustomToolCall: false,
      InputItem: false,
      'Conversation-2': false,
      ServiceTier: false,
      Reasoning: false,
      Prompt: false,
      Verbosity: false,
      TextResponseFormatJsonSchema: false,
      ResponseFormatJsonObject: false,
      ToolChoiceAllowed: false,
      ToolChoiceTypes: false,
      ToolChoiceMCP: false,
      ToolChoiceCustom: false,
      SpecificApplyPatchParam: false,
      SpecificFunctionShellParam: false,
      Annotation: false,
      LogProb: false,
      ResponseLogProb: false,
    },
  },
} as const;

/**
 * `response.created` / `in_progress` / `completed` / `failed` / `incomplete`: a type, a Response, a
 * number.
 */
function responseEvent(type: string) {
  return {
    type: 'object',
    properties: {
      type: { type: 'string', enum: [type] },
      response: { $ref: '#/components/schemas/Response' },
      sequence_number: { type: 'integer' },
    },
    required: ['type', 'response', 'sequence_number'],
  } as const;
}

/** `response.output_item.added` / `done`. */
function outputItemEvent(type: string) {
  return {
    type: 'object',
    properties: {
      type: { type: 'string', enum: [type] },
      output_index: { type: 'integer' },
      sequence_number: { type: 'integer' },
      item: { $ref: '#/components/schemas/OutputItem' },
    },
    required: ['type', 'output_index', 'item', 'sequence_number'],
  } as const;
}

/** `response.content_part.added` / `done`. */
function contentPartEvent(type: string) {
  return {
    type: 'object',
    properties: {
      type: { type: 'string', enum: [type] },
      item_id: { type: 'string' },
      output_index: { type: 'integer' },
      content_index: { type: 'integer' },
      part: { $ref: '#/components/schemas/OutputContent' },
      sequence_number: { type: 'integer' },
    },
    required: ['type', 'item_id', 'output_index', 'content_index', 'part', 'sequence_number'],
  } as const;
}

/** `response.output_text.delta` (its text in `delta`) / `done` (the whole text in `text`). */
function textEvent(type: string, textField: 'delta' | 'text') {
  return {
    type: 'object',
    properties: {
      type: { type: 'string', enum: [type] },
      item_id: { type: 'string' },
      output_index: { type: 'integer' },
      content_index: { type: 'integer' },
      [textField]: { type: 'string' },
      sequence_number: { type: 'integer' },
      logprobs: { type: 'array', items: { $ref: '#/components/schemas/ResponseLogProb' } },
    },
    required: [
      'type',
      'item_id',
      'output_index',
      'content_index',
      textField,
      'sequence_number',
      'logprobs',
    ],
  } as const;
}

/**
 * `response.function_call_arguments.delta` (a piece in `delta`) / `done` (the whole arguments in
 * `arguments`).
 */
function functionArgumentsEvent(type: string, textField: 'delta' | 'arguments') {
  return {
    type: 'object',
    required: ['type', 'item_id', 'output_index', textField, 'sequence_number'],
    additionalProperties: false,
    properties: {
      type: { type: 'string', enum: [type] },
      item_id: { type: 'string' },
      output_index: { type: 'integer' },
      [textField]: { type: 'string' },
      sequence_number: { type: 'integer' },
    },
  } as const;
}

/** The component that validates each event type the server sends. */
export const EVENT_SCHEMAS: Readonly<Record<string, string>> = {
  'response.created': 'ResponseCreatedEvent',
  'response.in_progress': 'ResponseInProgressEvent',
  'response.output_item.added': 'ResponseOutputItemAddedEvent',
  'response.content_part.added': 'ResponseContentPartAddedEvent',
  'response.output_text.delta': 'ResponseTextDeltaEvent',
  'response.output_text.done': 'ResponseTextDoneEvent',
  'response.content_part.done': 'ResponseContentPartDoneEvent',
  'response.output_item.done': 'ResponseOutputItemDoneEvent',
  'response.function_call_arguments.delta': 'ResponseFunctionCallArgumentsDeltaEvent',
  'response.function_call_arguments.done': 'ResponseFunctionCallArgumentsDoneEvent',
  'response.completed': 'ResponseCompletedEvent',
  'response.failed': 'ResponseFailedEvent',
  'response.incomplete': 'ResponseIncompleteEvent',
  error: 'ResponseErrorEvent',
};
