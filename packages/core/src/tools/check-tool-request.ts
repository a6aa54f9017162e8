import type { Message } from '../messages/message.js';
import { describeValue } from '../settings/describe-value.js';
import { createOptionChecker } from '../settings/option-check.js';
import { TOOL_NAME_PATTERN, type ToolChoice, type ToolDefinition } from './tool-definition.js';
import type { ToolCall, TranscriptMessage } from './tool-transcript.js';

/** The tool fields of a request: the conversation, the tools and the choice. */
export interface ToolRequestFields {
  /** The conversation, oldest first; it ends with the user's message or with tool results. */
  messages: readonly TranscriptMessage[];
  /** The tools the model may call. */
  tools: readonly ToolDefinition[];
  /** Whether and which tools it may call; `auto` when absent. */
  toolChoice?: ToolChoice | undefined;
}

/** The tool fields as checked: plain copies, the choice filled in. */
export interface CheckedToolRequest {
  /** The conversation. */
  messages: TranscriptMessage[];
  /** The tools. */
  tools: ToolDefinition[];
  /** The choice. */
  toolChoice: ToolChoice;
}

/** A checked request, and each tool's schema as the JSON text its check wrote. */
export interface CheckedToolSchemas {
  /** The request as checked. */
  request: CheckedToolRequest;
  /** Each tool's `parameters` as JSON text, in the tools' order; `undefined` for a tool without. */
  schemaTexts: (string | undefined)[];
}

type Fail = (field: string, detail: string) => never;

/**
 * Checks a request's conversation, tools and tool choice before any traffic. Bad input is an
 * InvalidRequestError naming the field (`tools[1].name`, `messages[3].toolCalls[0].arguments`,
 * `toolChoice`) with `owner` as its provider.
 */
export function checkToolRequest(owner: string, request: ToolRequestFields): CheckedToolRequest {
  return checkToolSchemas(owner, request).request;
}

/**
 * `checkToolRequest`, keeping the JSON text of each schema it wrote to check that the schema is JSON
 * (the instruction and the compiled-schema cache take it as it is).
 */
export function checkToolSchemas(owner: string, request: ToolRequestFields): CheckedToolSchemas {
  // The checker is made only to throw: most requests are valid.
  const fail: Fail = (field, detail) => createOptionChecker(owner, 'request').fail(field, detail);
  if (typeof request !== 'object' || request === null) {
    return fail('request', `expected an object, got ${describeValue(request)}`);
  }
  const schemaTexts: (string | undefined)[] = [];
  const tools = checkTools(request.tools, schemaTexts, fail);
  return {
    request: {
      tools,
      toolChoice: checkToolChoice(request.toolChoice, tools, fail),
      messages: checkMessages(request.messages, fail),
    },
    schemaTexts,
  };
}

/**
 * `check` of each item of `list`, in order; a hole is `undefined` (as `Array.from` reads it, without
 * its iterator protocol, which is slow).
 */
function checkEach<T>(list: readonly unknown[], check: (item: unknown, index: number) => T): T[] {
  const checked: T[] = [];
  for (let index = 0; index < list.length; index++) checked.push(check(list[index], index));
  return checked;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the tools; each one's schema text is pushed onto `schemaTexts`. */
function checkTools(
  tools: unknown,
  schemaTexts: (string | undefined)[],
  fail: Fail,
): ToolDefinition[] {
  if (!Array.isArray(tools)) return fail('tools', `expected an array, got ${describeValue(tools)}`);
  const seen = new Set<string>();
  return checkEach(tools, (tool, index) => {
    const field = `tools[${index}]`;
    if (!isRecord(tool)) return fail(field, `expected an object, got ${describeValue(tool)}`);
    const { name, description, parameters } = tool;
    if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)) {
      fail(`${field}.name`, `expected 1 to 64 of A-Z a-z 0-9 _ . -, got ${describeValue(name)}`);
    }
    if (seen.has(name)) fail(`${field}.name`, `${describeValue(name)} names an earlier tool too`);
    seen.add(name);
    if (description !== undefined && typeof description !== 'string') {
      fail(`${field}.description`, `expected a string, got ${describeValue(description)}`);
    }
    schemaTexts.push(
      parameters === undefined
        ? undefined
        : checkParameters(parameters, `${field}.parameters`, fail),
    );
    return { name, description, parameters } as ToolDefinition;
  });
}

/** Checks a schema and returns its JSON text. */
function checkParameters(parameters: unknown, field: string, fail: Fail): string {
  if (!isRecord(parameters)) {
    fail(field, `expected a JSON Schema object, got ${describeValue(parameters)}`);
  }
  if (parameters.type !== undefined && parameters.type !== 'object') {
    fail(
      `${field}.type`,
      `expected 'object' (arguments are an object), got ${describeValue(parameters.type)}`,
    );
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(parameters);
  } catch (error) {
    fail(field, `expected JSON, but it cannot be serialised: ${(error as Error).message}`);
  }
  // A `toJSON` that gives nothing leaves no schema to send.
  if (text === undefined) fail(field, 'expected JSON, but it serialises to nothing');
  return text;
}

function checkToolChoice(
  choice: unknown,
  tools: readonly ToolDefinition[],
  fail: Fail,
): ToolChoice {
  if (choice === undefined || choice === 'auto' || choice === 'none') return choice ?? 'auto';
  if (choice === 'required') {
    if (tools.length === 0) fail('toolChoice', "'required' needs at least one tool");
    return choice;
  }
  if (!isRecord(choice) || choice.type !== 'tool' || typeof choice.name !== 'string') {
    return fail(
      'toolChoice',
      `expected 'auto', 'none', 'required' or { type: 'tool', name }, got ${describeValue(choice)}`,
    );
  }
  const { name } = choice;
  if (!tools.some((tool) => tool.name === name)) {
    fail('toolChoice.name', `${describeValue(name)} is not one of the tools`);
  }
  return { type: 'tool', name };
}

function checkMessages(messages: unknown, fail: Fail): TranscriptMessage[] {
  if (!Array.isArray(messages)) {
    return fail('messages', `expected an array, got ${describeValue(messages)}`);
  }
  if (messages.length === 0) return fail('messages', 'expected at least one message');
  const checked = checkEach(messages, (message, index) =>
    checkMessage(message, `messages[${index}]`, fail),
  );
  const last = checked[checked.length - 1]!;
  if (last.role !== 'user' && last.role !== 'tool') {
    fail(
      `messages[${checked.length - 1}].role`,
      `the last message must be the user's or a tool result, got ${describeValue(last.role)}`,
    );
  }
  return checked;
}

function checkMessage(message: unknown, field: string, fail: Fail): TranscriptMessage {
  if (!isRecord(message)) return fail(field, `expected an object, got ${describeValue(message)}`);
  const { role } = message;
  if (role === 'tool') {
    const { toolCallId, toolName, content, isError } = message;
    nonEmptyString(toolCallId, `${field}.toolCallId`, fail);
    nonEmptyString(toolName, `${field}.toolName`, fail);
    const text = textContent(content, `${field}.content`, fail);
    if (isError !== undefined && typeof isError !== 'boolean') {
      fail(`${field}.isError`, `expected a boolean, got ${describeValue(isError)}`);
    }
    return { role, toolCallId, toolName, content: text, isError: isError as boolean | undefined };
  }
  if (role !== 'system' && role !== 'user' && role !== 'assistant') {
    return fail(
      `${field}.role`,
      `expected one of system, user, assistant, tool, got ${describeValue(role)}`,
    );
  }
  const content = textContent(message.content, `${field}.content`, fail);
  if (role !== 'assistant' || message.toolCalls === undefined) return { role, content } as Message;
  const { toolCalls } = message;
  if (!Array.isArray(toolCalls)) {
    return fail(`${field}.toolCalls`, `expected an array, got ${describeValue(toolCalls)}`);
  }
  return {
    role,
    content,
    toolCalls: checkEach(toolCalls, (call, index) =>
      checkCall(call, `${field}.toolCalls[${index}]`, fail),
    ),
  };
}

function checkCall(call: unknown, field: string, fail: Fail): ToolCall {
  if (!isRecord(call)) return fail(field, `expected an object, got ${describeValue(call)}`);
  const { id, name, arguments: args } = call;
  nonEmptyString(id, `${field}.id`, fail);
  nonEmptyString(name, `${field}.name`, fail);
  if (!isRecord(args)) {
    fail(`${field}.arguments`, `expected an object (parsed JSON), got ${describeValue(args)}`);
  }
  return { id, name, arguments: args };
}

function nonEmptyString(value: unknown, field: string, fail: Fail): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    fail(field, `expected a non-empty string, got ${describeValue(value)}`);
  }
}

function textContent(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string')
    return fail(field, `expected a string, got ${describeValue(value)}`);
  return value;
}
