import { InvalidRequestError } from '@freechat/core';
import { invalidRequest } from '../http/http-error.js';

/**
 * Names a field of core's tool request (`tools[1].parameters`, `toolChoice.name`,
 * `messages[3].content`) as the API's own request parameter (`tools[1].function.parameters`,
 * `tool_choice.function.name`, `messages[3].content`).
 */
export type ToolFieldParam = (field: string) => string;

/**
 * The 400 for bad tool input that core found (an InvalidRequestError: a tool's name or schema, the
 * tool choice, the conversation), naming the API's own parameter; any other error as it is, a
 * provider's setting found wrong (an InvalidSettingError) included: that is the server's fault.
 */
export function toolRequestError(error: unknown, param: ToolFieldParam): unknown {
  if (!InvalidRequestError.isInstance(error)) return error;
  const name = param(error.field);
  return invalidRequest(name, `Invalid '${name}': ${error.detail}.`);
}

/**
 * Splits a field of core's tool request into its head and index (`tools[1].parameters.type` →
 * `['tools', 1, '.parameters.type']`), or undefined for a field without an index (`toolChoice`).
 */
export function indexedField(field: string): [string, number, string] | undefined {
  const match = /^(\w+)\[(\d+)\](.*)$/.exec(field);
  return match === null ? undefined : [match[1]!, Number(match[2]), match[3]!];
}
