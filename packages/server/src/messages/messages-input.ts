import type { ToolChoice, ToolDefinition } from '@freechat/core';
import { describeValue } from '@freechat/core/internal';
import { invalidRequest } from '../http/http-error.js';
import { ReplyPrompt } from '../reply/reply-prompt.js';
import type { ToolFieldParam } from '../reply/tool-field-param.js';
import { CHARACTERS_PER_TOKEN } from '../reply/usage.js';
import type { MessagesBody, MessagesPromptBody, ToolChoiceParam } from './messages-schema.js';
import { readTranscript } from './messages-transcript.js';

/** A Messages request's prompt in core's terms: what both routes read. */
export interface MessagesPrompt {
  /** The conversation, the custom tools and the tool choice, checked. */
  prompt: ReplyPrompt;
  /** Names a field of core's tool request as this request's parameter (`tools[2].input_schema`). */
  toolParam: ToolFieldParam;
  /** The parameters ignored under `dropParams` (empty otherwise). */
  droppedParams: string[];
}

/** What a `POST /v1/messages` request asks for. */
export interface MessagesInput extends MessagesPrompt {
  /** The stop sequences (`stop_sequences`). */
  stops: string[];
  /** Whether to answer with server-sent events. */
  stream: boolean;
  /**
   * The longest reply in UTF-16 code units, its text and its calls' input JSON together
   * (`toolUseCharacters`): `max_tokens` times CHARACTERS_PER_TOKEN, the same estimate as `usage`.
   */
  maxCharacters: number;
  /** Whether the message ends with its first tool call (`tool_choice.disable_parallel_tool_use`). */
  endAfterCall: boolean;
}

/** How the Messages routes treat what they cannot honour. */
export interface MessagesInputOptions {
  /** Ignore Anthropic's own tool types and MCP servers instead of refusing them. */
  dropParams: boolean;
}

/**
 * Reads a schema-valid `POST /v1/messages` body.
 *
 * @throws HttpError 400 naming the field (see {@link readMessagesPrompt}).
 */
export function readMessagesInput(
  body: MessagesBody,
  options: MessagesInputOptions,
): MessagesInput {
  return {
    ...readMessagesPrompt(body, options),
    stops: [...(body.stop_sequences ?? [])],
    stream: body.stream === true,
    maxCharacters: body.max_tokens * CHARACTERS_PER_TOKEN,
    endAfterCall: body.tool_choice?.disable_parallel_tool_use === true,
  };
}

/**
 * Reads the prompt of a schema-valid body (`POST /v1/messages` or its `count_tokens`): the
 * conversation (`readTranscript`), the custom tools (`name`, `description`, `input_schema`;
 * `cache_control` and the other fields ignored) and `tool_choice` (`auto`, `any` as core's
 * `required`, `tool`, `none`), checked as core's tool module will before any traffic
 * (`ReplyPrompt.check`). A tool of one of Anthropic's own types (`web_search_20250305`,
 * `bash_20250124`, …) and `mcp_servers` are refused, or with `dropParams` ignored and listed in
 * `droppedParams`.
 *
 * @throws HttpError 400 naming the field, in the request's own terms (`tools[2].input_schema`).
 */
export function readMessagesPrompt(
  body: MessagesPromptBody,
  options: MessagesInputOptions,
): MessagesPrompt {
  const droppedParams: string[] = [];
  const refuse = (param: string, message: string) => {
    if (options.dropParams) droppedParams.push(param);
    else throw invalidRequest(param, `${message} (A server run with dropParams ignores it.)`);
  };
  if (body.mcp_servers !== undefined && body.mcp_servers.length > 0) {
    refuse(
      'mcp_servers',
      "MCP servers are called from Anthropic's side; the sites cannot reach them.",
    );
  }
  const { definitions, origins } = readTools(body.tools ?? [], refuse);
  const prompt = new ReplyPrompt({
    messages: readTranscript(body),
    tools: definitions,
    toolChoice: readToolChoice(body.tool_choice, definitions.length),
  });
  const toolParam: ToolFieldParam = (field) => requestField(field, origins);
  prompt.check(toolParam);
  return { prompt, toolParam, droppedParams };
}

/** The custom tools, and each one's index in the request's `tools`. */
function readTools(
  tools: readonly Record<string, unknown>[],
  refuse: (param: string, message: string) => void,
): { definitions: ToolDefinition[]; origins: number[] } {
  const definitions: ToolDefinition[] = [];
  const origins: number[] = [];
  tools.forEach((tool, index) => {
    const { type, name, description, input_schema: parameters } = tool;
    if (type !== undefined && type !== 'custom') {
      refuse(
        `tools[${index}]`,
        `Tools of type ${describeValue(type)} are Anthropic's own (run by Anthropic, or with a ` +
          'schema only its models know); only custom tools (name, description, input_schema) are served.',
      );
      return;
    }
    if (parameters === undefined) {
      throw invalidRequest(
        `tools[${index}].input_schema`,
        `Missing required parameter: 'tools[${index}].input_schema'.`,
      );
    }
    // Core checks the name, the description and the schema (buildToolPrompt).
    definitions.push({ name, description, parameters } as ToolDefinition);
    origins.push(index);
  });
  return { definitions, origins };
}

function readToolChoice(choice: ToolChoiceParam | undefined, tools: number): ToolChoice {
  if (choice === undefined || choice.type === 'auto') return 'auto';
  if (choice.type === 'none') return 'none';
  if (tools === 0) {
    throw invalidRequest(
      'tool_choice.type',
      `tool_choice ${describeValue(choice.type)} needs at least one tool in 'tools'.`,
    );
  }
  if (choice.type === 'any') return 'required';
  if (choice.name === undefined) {
    throw invalidRequest('tool_choice.name', "Missing required parameter: 'tool_choice.name'.");
  }
  return { type: 'tool', name: choice.name };
}

/**
 * The request's own name for a field core's check named: `tools[N]` is the Nth custom tool
 * (`origins[N]` in the request) and its `parameters` the `input_schema`; `toolChoice` is
 * `tool_choice`.
 */
function requestField(field: string, origins: readonly number[]): string {
  const tool = /^tools\[(\d+)\](\.parameters)?/.exec(field);
  if (tool !== null) {
    const schema = tool[2] === undefined ? '' : '.input_schema';
    return `tools[${origins[Number(tool[1])]}]${schema}${field.slice(tool[0].length)}`;
  }
  if (field.startsWith('toolChoice')) return `tool_choice${field.slice('toolChoice'.length)}`;
  return field;
}
