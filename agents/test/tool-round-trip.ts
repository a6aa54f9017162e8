import type { Exchange } from './exchange-recorder.js';
import { parseJsonText } from './json-text.js';

/** A tool call the server answered with, in any of the three APIs. */
export interface SeenToolCall {
  /** The call's id (`call_…`, `toolu_…`). */
  id: string;
  /** The tool called. */
  name: string;
}

/** A tool result an agent sent back, in any of the three APIs. */
export interface SeenToolResult {
  /** The id of the call it answers. */
  id: string;
  /** Its text (text parts joined). */
  content: string;
}

/** The tool calls the server sent and the results the agent sent back, each once by its id. */
export interface ToolRoundTrip {
  /** Calls found in responses: chat `tool_calls`, Responses `function_call` items, `tool_use` blocks. */
  calls: SeenToolCall[];
  /** Results found in requests: `tool` messages, `function_call_output` items, `tool_result` blocks. */
  results: SeenToolResult[];
}

/**
 * Reads the tool round trip out of recorded exchanges, whatever the API: chat completions, the
 * Responses API or Anthropic's Messages, streamed or not. A stream's events and a later request's
 * repeated history name the same call or result again; each is kept once, by its id.
 */
export function readToolRoundTrip(exchanges: readonly Exchange[]): ToolRoundTrip {
  const calls = new Map<string, SeenToolCall>();
  const results = new Map<string, SeenToolResult>();
  for (const exchange of exchanges) {
    for (const document of responseDocuments(exchange)) {
      visit(document, (node) => {
        const call = toolCallOf(node);
        if (call !== undefined && !calls.has(call.id)) calls.set(call.id, call);
      });
    }
    visit(exchange.request, (node) => {
      const result = toolResultOf(node);
      if (result !== undefined && !results.has(result.id)) results.set(result.id, result);
    });
  }
  return { calls: [...calls.values()], results: [...results.values()] };
}

/** The JSON documents of a response: the body, or each `data:` line of an event stream. */
function responseDocuments(exchange: Exchange): unknown[] {
  if (!exchange.contentType.startsWith('text/event-stream'))
    return [parseJsonText(exchange.response)];
  return exchange.response
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => parseJsonText(line.slice('data:'.length).trim()));
}

function toolCallOf(node: Record<string, unknown>): SeenToolCall | undefined {
  // Anthropic's tool_use block and the Responses API's function_call item.
  if (node.type === 'tool_use' && isText(node.id) && isText(node.name)) {
    return { id: node.id, name: node.name };
  }
  if (node.type === 'function_call' && isText(node.call_id) && isText(node.name)) {
    return { id: node.call_id, name: node.name };
  }
  // A chat completion's tool call (a stream names it in its first delta only).
  const called = node.function;
  if (node.type === 'function' && isText(node.id) && isRecord(called) && isText(called.name)) {
    return { id: node.id, name: called.name };
  }
  return undefined;
}

function toolResultOf(node: Record<string, unknown>): SeenToolResult | undefined {
  if (node.role === 'tool' && isText(node.tool_call_id)) {
    return { id: node.tool_call_id, content: textOf(node.content) };
  }
  if (node.type === 'function_call_output' && isText(node.call_id)) {
    return { id: node.call_id, content: textOf(node.output) };
  }
  if (node.type === 'tool_result' && isText(node.tool_use_id)) {
    return { id: node.tool_use_id, content: textOf(node.content) };
  }
  return undefined;
}

/** A result's content as text: a string, or its parts' `text` joined by newlines. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
    .join('\n');
}

/** Calls `found` on every object inside `value`, depth first. */
function visit(value: unknown, found: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, found);
  } else if (isRecord(value)) {
    found(value);
    for (const item of Object.values(value)) visit(item, found);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
