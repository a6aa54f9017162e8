import type { ToolChoice, ToolDefinition } from '@freechat/core';
import { invalidRequest } from '../http/http-error.js';
import { indexedField, type ToolFieldParam } from '../reply/tool-field-param.js';
import type { ChatCompletionBody, ChatFunctionDefinition } from './chat-schema.js';
import type { RefuseParam } from './unsupported-params.js';

/** The tools of a chat completion request, in core's terms. */
export interface ChatTools {
  /** The function tools (or the deprecated `functions`), in order; empty for none. */
  tools: ToolDefinition[];
  /** `tool_choice` (or `function_call`): `auto` when absent. */
  toolChoice: ToolChoice;
  /**
   * `parallel_tool_calls` (true when absent); false for the deprecated `functions`, whose reply
   * carries one `function_call`.
   */
  parallelToolCalls: boolean;
  /**
   * Whether the request uses the deprecated `functions`/`function_call`: the reply then carries
   * `message.function_call` and finish_reason `function_call`.
   */
  legacyFunctions: boolean;
  /** Names a field of core's tool request as this request's parameter. */
  toolParam: ToolFieldParam;
}

/**
 * Reads `tools`, `tool_choice` and `parallel_tool_calls`, or the deprecated `functions` and
 * `function_call` (mapped to the same tools: one call per reply). Only `function` tools are served:
 * another type (`custom`, …) and a choice of another kind (`allowed_tools`, a custom tool) are
 * given to `refuse`, and left out if it returns.
 *
 * @throws HttpError 400 naming the parameter.
 */
export function readChatTools(body: ChatCompletionBody, refuse: RefuseParam): ChatTools {
  const tools = body.tools ?? [];
  const functions = body.functions ?? [];
  if (tools.length > 0 && functions.length > 0) {
    throw invalidRequest(
      'functions',
      'Send `tools` or the deprecated `functions`, not both (each function is a tool of type "function").',
    );
  }
  if (functions.length > 0 || (tools.length === 0 && body.function_call != null)) {
    return readFunctions(body, functions);
  }
  const indexes: number[] = [];
  const definitions: ToolDefinition[] = [];
  tools.forEach((tool, index) => {
    if (tool.type !== 'function') {
      refuse(
        `tools[${index}].type`,
        `Tools of type "${tool.type}" are not supported; only "function" tools are.`,
      );
      return;
    }
    if (tool.function === undefined) {
      throw invalidRequest(
        `tools[${index}].function`,
        `Missing required parameter: 'tools[${index}].function'.`,
      );
    }
    indexes.push(index);
    definitions.push(toDefinition(tool.function));
  });
  return {
    tools: definitions,
    toolChoice: readToolChoice(body.tool_choice, refuse),
    parallelToolCalls: body.parallel_tool_calls ?? true,
    legacyFunctions: false,
    toolParam: (field) => {
      if (field === 'toolChoice') return 'tool_choice';
      if (field === 'toolChoice.name') return 'tool_choice.function.name';
      return messageOrToolParam(field, (index, rest) => `tools[${indexes[index]}].function${rest}`);
    },
  };
}

function readFunctions(
  body: ChatCompletionBody,
  functions: readonly ChatFunctionDefinition[],
): ChatTools {
  const choice = body.function_call;
  let toolChoice: ToolChoice;
  if (choice == null || choice === 'auto' || choice === 'none') toolChoice = choice ?? 'auto';
  else if (typeof choice === 'object') toolChoice = { type: 'tool', name: choice.name };
  else {
    throw invalidRequest(
      'function_call',
      `Invalid 'function_call': expected "none", "auto" or {"name": …}, got ${JSON.stringify(choice)}.`,
    );
  }
  return {
    tools: functions.map(toDefinition),
    toolChoice,
    parallelToolCalls: false,
    legacyFunctions: true,
    toolParam: (field) => {
      if (field === 'toolChoice') return 'function_call';
      if (field === 'toolChoice.name') return 'function_call.name';
      return messageOrToolParam(field, (index, rest) => `functions[${index}]${rest}`);
    },
  };
}

function readToolChoice(
  choice: ChatCompletionBody['tool_choice'],
  refuse: RefuseParam,
): ToolChoice {
  if (choice == null) return 'auto';
  if (choice === 'none' || choice === 'auto' || choice === 'required') return choice;
  if (typeof choice === 'string') {
    throw invalidRequest(
      'tool_choice',
      `Invalid 'tool_choice': expected "none", "auto", "required" or {"type": "function", "function": {"name": …}}, got ${JSON.stringify(choice)}.`,
    );
  }
  if (choice.type === 'function' && choice.function !== undefined) {
    return { type: 'tool', name: choice.function.name };
  }
  refuse(
    'tool_choice',
    `tool_choice of type ${JSON.stringify(choice.type)} is not supported; use "none", "auto", "required" or {"type": "function", "function": {"name": …}}.`,
  );
  return 'auto';
}

function toDefinition(definition: ChatFunctionDefinition): ToolDefinition {
  return {
    name: definition.name,
    description: definition.description ?? undefined,
    parameters: definition.parameters,
  };
}

/**
 * A message's field keeps its place, in the request's words (`messages[3].toolCalls[0].arguments` →
 * `messages[3].tool_calls[0].function.arguments`); a tool's field (`tools[1].parameters`) is named
 * by `tool`; anything else as it is.
 */
function messageOrToolParam(field: string, tool: (index: number, rest: string) => string): string {
  const indexed = indexedField(field);
  if (indexed === undefined) return field;
  const [head, index, rest] = indexed;
  if (head === 'tools') return tool(index, rest);
  if (head !== 'messages') return field;
  const named = rest
    .replace(/^\.toolCalls\[(\d+)\]\.(name|arguments)/, '.tool_calls[$1].function.$2')
    .replace(/^\.toolCalls/, '.tool_calls')
    .replace(/^\.toolCallId/, '.tool_call_id');
  return `messages[${index}]${named}`;
}
