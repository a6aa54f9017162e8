import { formatToolCalls } from '@freechat/core';

/**
 * The forms a scripted reply can write tool calls in, each one models write and core's parser takes:
 *
 * - `fenced`: the tool instruction's own, a ```` ```json ```` block of `{"tool_calls":[…]}`;
 * - `bare`: the same object without a fence;
 * - `fence-no-language`: pretty-printed, in a ```` ``` ```` fence;
 * - `name-arguments`: one `{"name", "arguments"}` object per call, a line each;
 * - `tool-parameters`: one `{"tool", "parameters"}` object per call, a line each;
 * - `openai`: one `{"id", "type": "function", "function": {"name", "arguments": "<JSON string>"}}` per
 *   call, a line each;
 * - `list`: a JSON array of `{"name", "arguments"}`;
 * - `smart-quotes`: the fenced form with “smart quotes” around every key and string;
 * - `trailing-commas`: the fenced form, pretty-printed, with a comma after every last member.
 */
export const TOOL_CALL_SHAPES = [
  'fenced',
  'bare',
  'fence-no-language',
  'name-arguments',
  'tool-parameters',
  'openai',
  'list',
  'smart-quotes',
  'trailing-commas',
] as const;

/** A form of `TOOL_CALL_SHAPES`. */
export type ToolCallShape = (typeof TOOL_CALL_SHAPES)[number];

/** A call a scripted reply makes. */
export interface ScriptedToolCall {
  /** The tool. */
  name: string;
  /** Its arguments; `{}` when absent. */
  arguments?: Record<string, unknown>;
}

/** How a scripted reply writes its calls. */
export interface ToolCallTextOptions {
  /** The form; `fenced` by default. */
  shape?: ToolCallShape;
  /** Text before the calls (include the line break you want). */
  before?: string;
  /** Text after the calls. */
  after?: string;
}

/**
 * The text of a reply that calls tools, in one of the forms models write, for a scripted reply step:
 * `emulator.scenario('free2gpt', { text: toolCallText([{ name: 'get_weather', arguments: { city:
 * 'Paris' } }], { shape: 'openai' }) })`.
 */
export function toolCallText(
  calls: readonly ScriptedToolCall[],
  { shape = 'fenced', before = '', after = '' }: ToolCallTextOptions = {},
): string {
  const entries = calls.map((call) => ({ name: call.name, arguments: call.arguments ?? {} }));
  return `${before}${writeCalls(entries, shape)}${after}`;
}

type Entry = { name: string; arguments: Record<string, unknown> };

function writeCalls(entries: readonly Entry[], shape: ToolCallShape): string {
  const lines = (write: (entry: Entry, index: number) => unknown) =>
    entries.map((entry, index) => JSON.stringify(write(entry, index))).join('\n');
  switch (shape) {
    case 'fenced':
      return formatToolCalls(entries);
    case 'bare':
      return JSON.stringify({ tool_calls: entries });
    case 'fence-no-language':
      return `\`\`\`\n${JSON.stringify({ tool_calls: entries }, null, 2)}\n\`\`\``;
    case 'name-arguments':
      return lines((entry) => entry);
    case 'tool-parameters':
      return lines((entry) => ({ tool: entry.name, parameters: entry.arguments }));
    case 'openai':
      return lines((entry, index) => ({
        id: `call_${index + 1}`,
        type: 'function',
        function: { name: entry.name, arguments: JSON.stringify(entry.arguments) },
      }));
    case 'list':
      return JSON.stringify(entries);
    case 'smart-quotes': {
      const json = JSON.stringify({ tool_calls: entries });
      // A smart quote inside a string would close it: it is written as an escape.
      const quoted = json.replace(
        /"((?:[^"\\]|\\.)*)"/g,
        (_string, content: string) => `“${content.replace(/[“”]/g, smartQuoteEscape)}”`,
      );
      return `\`\`\`json\n${quoted}\n\`\`\``;
    }
    case 'trailing-commas': {
      // Pretty-printed JSON has no raw line break inside a string: a line that a closer follows ends a
      // last member.
      const json = JSON.stringify({ tool_calls: entries }, null, 2);
      return `\`\`\`json\n${json.replace(/([^[{,\s])(\n\s*[}\]])/g, '$1,$2')}\n\`\`\``;
    }
  }
}

function smartQuoteEscape(quote: string): string {
  return `\\u${quote.charCodeAt(0).toString(16)}`;
}
