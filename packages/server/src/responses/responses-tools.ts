import type { ToolChoice, ToolDefinition } from '@freechat/core';
import type { RefuseParam } from '../chat/unsupported-params.js';
import { invalidRequest } from '../http/http-error.js';
import type { ResponsesBody } from './responses-schema.js';

/** A function tool as a Response object echoes it (OpenAI's `FunctionTool`). */
export interface FunctionToolEcho {
  type: 'function';
  name: string;
  description: string | null;
  parameters: Record<string, unknown> | null;
  strict: boolean | null;
}

/** A tool choice as a Response object echoes it. */
export type ToolChoiceEcho = 'auto' | 'none' | 'required' | { type: 'function'; name: string };

/** The tools of a Responses request, in core's terms and as the Response echoes them. */
export interface ResponsesTools {
  /** The function tools, in order; empty for none. */
  tools: ToolDefinition[];
  /** `tool_choice`: `auto` when absent. */
  toolChoice: ToolChoice;
  /** The function tools as given, for the Response's `tools`. */
  toolsEcho: FunctionToolEcho[];
  /** The choice as given, for the Response's `tool_choice`. */
  toolChoiceEcho: ToolChoiceEcho;
  /** The request's index of each function tool (for a 400 that names it). */
  toolIndexes: number[];
}

/**
 * Reads `tools` and `tool_choice`. Only `function` tools are served: another type (`web_search`,
 * `file_search`, `custom`, …) and a choice of another kind (`allowed_tools`, a hosted tool) are given
 * to `refuse`, and left out if it returns (a server run with dropParams).
 *
 * @throws HttpError 400 naming the parameter.
 */
export function readResponsesTools(body: ResponsesBody, refuse: RefuseParam): ResponsesTools {
  const read: ResponsesTools = {
    tools: [],
    toolChoice: 'auto',
    toolsEcho: [],
    toolChoiceEcho: 'auto',
    toolIndexes: [],
  };
  (body.tools ?? []).forEach((tool, index) => {
    if (tool.type !== 'function') {
      refuse(
        `tools[${index}].type`,
        `Tools of type "${tool.type}" are not supported; only "function" tools are.`,
      );
      return;
    }
    if (tool.name === undefined) {
      throw invalidRequest(
        `tools[${index}].name`,
        `Missing required parameter: 'tools[${index}].name'.`,
      );
    }
    const description = tool.description ?? null;
    const parameters = tool.parameters ?? null;
    read.tools.push({
      name: tool.name,
      description: description ?? undefined,
      parameters: parameters ?? undefined,
    });
    read.toolsEcho.push({
      type: 'function',
      name: tool.name,
      description,
      parameters,
      strict: tool.strict ?? true,
    });
    read.toolIndexes.push(index);
  });
  const choice = body.tool_choice;
  if (choice == null) return read;
  if (choice === 'none' || choice === 'auto' || choice === 'required') {
    read.toolChoice = choice;
    read.toolChoiceEcho = choice;
  } else if (typeof choice === 'string') {
    throw invalidRequest(
      'tool_choice',
      `Invalid 'tool_choice': expected "none", "auto", "required" or {"type": "function", "name": …}, got ${JSON.stringify(choice)}.`,
    );
  } else if (choice.type === 'function' && typeof choice.name === 'string') {
    read.toolChoice = { type: 'tool', name: choice.name };
    read.toolChoiceEcho = { type: 'function', name: choice.name };
  } else {
    refuse(
      'tool_choice',
      `tool_choice of type ${JSON.stringify(choice.type)} is not supported; use "none", "auto", "required" or {"type": "function", "name": …}.`,
    );
  }
  return read;
}
