/**
 * The part of Anthropic's Messages API that a freechat message, its stream events, its token count
 * and its error bodies must satisfy, as JSON Schemas derived from the official SDK's types
 * (`@anthropic-ai/sdk`, `resources/messages/messages.d.ts` and `resources/shared.d.ts`): one object
 * schema per interface, its `properties` exactly the interface's fields and its `required` exactly
 * its non-optional ones — `objectSchema<T>()` makes both a type error when the SDK's interface
 * changes. Stricter than the SDK, never looser:
 *
 * - `additionalProperties: false` everywhere (a field the SDK does not declare is a mistake);
 * - every variant a freechat message never holds is left out: thinking, server tool and container
 *   blocks, their deltas, and for a nullable field whose value is an object freechat never sends
 *   (citations, refusal details, the container, cache and server-tool usage) only `null` is
 *   accepted. `Model`'s enum of known ids sits beside `string & {}`, so it is a plain string.
 */
import type {
  DirectCaller,
  InputJSONDelta,
  Message,
  MessageDeltaUsage,
  MessageTokensCount,
  RawContentBlockDeltaEvent,
  RawContentBlockStartEvent,
  RawContentBlockStopEvent,
  RawMessageDeltaEvent,
  RawMessageStartEvent,
  RawMessageStopEvent,
  TextBlock,
  TextDelta,
  ToolUseBlock,
  Usage,
} from '@anthropic-ai/sdk/resources/messages';
import type {
  APIErrorObject,
  AuthenticationErrorObject,
  ErrorResponse,
  GatewayTimeoutErrorObject,
  InvalidRequestErrorObject,
  NotFoundErrorObject,
  OverloadedErrorObject,
  PermissionErrorObject,
  RateLimitErrorObject,
} from '@anthropic-ai/sdk/resources/shared';

/** The keys of `T` that are not optional. */
type RequiredKeys<T> = {
  [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K> ? never : K;
}[keyof T];

/**
 * An object schema for the interface `T`: `properties` must name every field of `T` and no other,
 * `required` every non-optional field of `T` (and only fields of `T`).
 */
function objectSchema<T>() {
  return <
    const PROPERTIES extends { [K in keyof T]-?: unknown },
    const REQUIRED extends readonly RequiredKeys<T>[],
  >(
    properties: PROPERTIES & Record<Exclude<keyof PROPERTIES, keyof T>, never>,
    required: REQUIRED & ([RequiredKeys<T>] extends [REQUIRED[number]] ? unknown : never),
  ) => ({ type: 'object', additionalProperties: false, properties, required }) as const;
}

const ref = (name: string) => ({ $ref: `#/definitions/${name}` }) as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] }) as const;
const constant = (value: string) => ({ type: 'string', enum: [value] }) as const;
const integer = { type: 'integer', minimum: 0 } as const;
const string = { type: 'string' } as const;
/** A nullable field whose other variants freechat never sends. */
const onlyNull = { type: 'null' } as const;

/** The schemas, by the SDK's interface names. */
export const anthropicMessagesSchema = {
  $id: 'anthropic-messages',
  definitions: {
    Message: objectSchema<Message>()(
      {
        id: string,
        container: onlyNull,
        content: { type: 'array', items: ref('ContentBlock') },
        diagnostics: onlyNull,
        model: string,
        role: constant('assistant'),
        stop_details: onlyNull,
        stop_reason: nullable(ref('StopReason')),
        stop_sequence: nullable(string),
        type: constant('message'),
        usage: ref('Usage'),
      },
      [
        'id',
        'container',
        'content',
        'diagnostics',
        'model',
        'role',
        'stop_details',
        'stop_reason',
        'stop_sequence',
        'type',
        'usage',
      ],
    ),
    StopReason: {
      type: 'string',
      enum: [
        'end_turn',
        'max_tokens',
        'stop_sequence',
        'tool_use',
        'pause_turn',
        'refusal',
        'model_context_window_exceeded',
      ],
    },
    Usage: objectSchema<Usage>()(
      {
        cache_creation: onlyNull,
        cache_creation_input_tokens: nullable(integer),
        cache_read_input_tokens: nullable(integer),
        inference_geo: nullable(string),
        input_tokens: integer,
        output_tokens: integer,
        output_tokens_details: onlyNull,
        server_tool_use: onlyNull,
        service_tier: nullable({ type: 'string', enum: ['standard', 'priority', 'batch'] }),
        speed: nullable({ type: 'string', enum: ['standard', 'fast'] }),
      },
      [
        'cache_creation',
        'cache_creation_input_tokens',
        'cache_read_input_tokens',
        'inference_geo',
        'input_tokens',
        'output_tokens',
        'output_tokens_details',
        'server_tool_use',
        'service_tier',
        'speed',
      ],
    ),
    ContentBlock: { oneOf: [ref('TextBlock'), ref('ToolUseBlock')] },
    TextBlock: objectSchema<TextBlock>()(
      {
        citations: onlyNull,
        text: string,
        type: constant('text'),
      },
      ['citations', 'text', 'type'],
    ),
    ToolUseBlock: objectSchema<ToolUseBlock>()(
      {
        id: string,
        caller: ref('DirectCaller'),
        input: { type: 'object' },
        name: string,
        type: constant('tool_use'),
        toolset_name: nullable(string),
      },
      ['id', 'caller', 'input', 'name', 'type'],
    ),
    DirectCaller: objectSchema<DirectCaller>()({ type: constant('direct') }, ['type']),
    RawMessageStartEvent: objectSchema<RawMessageStartEvent>()(
      { message: ref('Message'), type: constant('message_start') },
      ['message', 'type'],
    ),
    RawMessageDeltaEvent: objectSchema<RawMessageDeltaEvent>()(
      {
        delta: ref('RawMessageDeltaEvent.Delta'),
        type: constant('message_delta'),
        usage: ref('MessageDeltaUsage'),
      },
      ['delta', 'type', 'usage'],
    ),
    'RawMessageDeltaEvent.Delta': objectSchema<RawMessageDeltaEvent.Delta>()(
      {
        container: onlyNull,
        stop_details: onlyNull,
        stop_reason: nullable(ref('StopReason')),
        stop_sequence: nullable(string),
      },
      ['container', 'stop_details', 'stop_reason', 'stop_sequence'],
    ),
    MessageDeltaUsage: objectSchema<MessageDeltaUsage>()(
      {
        cache_creation_input_tokens: nullable(integer),
        cache_read_input_tokens: nullable(integer),
        input_tokens: nullable(integer),
        output_tokens: integer,
        output_tokens_details: onlyNull,
        server_tool_use: onlyNull,
      },
      [
        'cache_creation_input_tokens',
        'cache_read_input_tokens',
        'input_tokens',
        'output_tokens',
        'output_tokens_details',
        'server_tool_use',
      ],
    ),
    RawMessageStopEvent: objectSchema<RawMessageStopEvent>()({ type: constant('message_stop') }, [
      'type',
    ]),
    RawContentBlockStartEvent: objectSchema<RawContentBlockStartEvent>()(
      { content_block: ref('ContentBlock'), index: integer, type: constant('content_block_start') },
      ['content_block', 'index', 'type'],
    ),
    RawContentBlockDeltaEvent: objectSchema<RawContentBlockDeltaEvent>()(
      {
        delta: { oneOf: [ref('TextDelta'), ref('InputJSONDelta')] },
        index: integer,
        type: constant('content_block_delta'),
      },
      ['delta', 'index', 'type'],
    ),
    TextDelta: objectSchema<TextDelta>()({ text: string, type: constant('text_delta') }, [
      'text',
      'type',
    ]),
    InputJSONDelta: objectSchema<InputJSONDelta>()(
      { partial_json: string, type: constant('input_json_delta') },
      ['partial_json', 'type'],
    ),
    RawContentBlockStopEvent: objectSchema<RawContentBlockStopEvent>()(
      { index: integer, type: constant('content_block_stop') },
      ['index', 'type'],
    ),
    MessageTokensCount: objectSchema<MessageTokensCount>()({ input_tokens: integer }, [
      'input_tokens',
    ]),
    ErrorResponse: objectSchema<ErrorResponse>()(
      { error: ref('ErrorObject'), request_id: nullable(string), type: constant('error') },
      ['error', 'request_id', 'type'],
    ),
    ErrorObject: {
      oneOf: [
        objectSchema<InvalidRequestErrorObject>()(
          { message: string, type: constant('invalid_request_error') },
          ['message', 'type'],
        ),
        objectSchema<AuthenticationErrorObject>()(
          { message: string, type: constant('authentication_error') },
          ['message', 'type'],
        ),
        objectSchema<PermissionErrorObject>()(
          { message: string, type: constant('permission_error') },
          ['message', 'type'],
        ),
        objectSchema<NotFoundErrorObject>()(
          { message: string, type: constant('not_found_error') },
          ['message', 'type'],
        ),
        objectSchema<RateLimitErrorObject>()(
          { message: string, type: constant('rate_limit_error') },
          ['message', 'type'],
        ),
        objectSchema<GatewayTimeoutErrorObject>()(
          { message: string, type: constant('timeout_error') },
          ['message', 'type'],
        ),
        objectSchema<APIErrorObject>()({ message: string, type: constant('api_error') }, [
          'message',
          'type',
        ]),
        objectSchema<OverloadedErrorObject>()(
          { message: string, type: constant('overloaded_error') },
          ['message', 'type'],
        ),
      ],
    },
  },
} as const;

/** The schema of each stream event, by its `event:` name (`ping` carries nothing to check). */
export const EVENT_SCHEMAS: Readonly<Record<string, string>> = {
  message_start: 'RawMessageStartEvent',
  message_delta: 'RawMessageDeltaEvent',
  message_stop: 'RawMessageStopEvent',
  content_block_start: 'RawContentBlockStartEvent',
  content_block_delta: 'RawContentBlockDeltaEvent',
  content_block_stop: 'RawContentBlockStopEvent',
  error: 'ErrorResponse',
};
