import { schemaTextsOf, type ToolChoice, type ToolDefinition } from './tool-definition.js';

/** The first line of the tool instruction, by which it is recognised (the emulator's tool model does). */
export const TOOL_INSTRUCTION_HEADER =
  'You can call tools. Each tool is one line of JSON below: its name, what it does, and the JSON Schema of its arguments.';

const FORMAT = [
  'To call tools, reply with one fenced JSON block in exactly this form, one entry per call:',
  '```json',
  '{"tool_calls":[{"name":"<tool name>","arguments":{<arguments>}}]}',
  '```',
  "The arguments are a JSON object that matches the tool's schema. Write nothing after the block and " +
    'do not make up results: each result comes back in the next message as ' +
    '<tool_result id="..." name="...">...</tool_result>.',
].join('\n');

const AUTO =
  'Call a tool only when it helps you answer; otherwise answer in plain text, without a tool_calls block.';
const REQUIRED = 'This reply must call at least one of these tools.';
const NAMED_START = 'This reply must call the tool "';

/** What a tool instruction asks: its tools and its choice (never `none`: that sends no instruction). */
export interface ToolInstruction {
  /** The tools it describes (for a named choice, only that one). */
  tools: ToolDefinition[];
  /** What it asks of the reply. */
  toolChoice: Exclude<ToolChoice, 'none'>;
}

/** The schema a tool without parameters is described with. */
const NO_PARAMETERS = '{"type":"object","properties":{}}';

/**
 * The instruction that tells a model its tools and the one JSON format of a call: the header, each tool
 * as one line of JSON (`name`, `description`, `parameters`), the format with an example, and what the
 * choice asks. A named choice describes that tool only.
 */
export function formatToolInstruction(
  tools: readonly ToolDefinition[],
  toolChoice: Exclude<ToolChoice, 'none'>,
): string {
  return writeToolInstruction(tools, schemaTextsOf(tools), toolChoice);
}

/**
 * `formatToolInstruction` with each tool's `parameters` already written as JSON text (`undefined`
 * for a tool without), in the tools' order.
 */
export function writeToolInstruction(
  tools: readonly ToolDefinition[],
  schemaTexts: readonly (string | undefined)[],
  toolChoice: Exclude<ToolChoice, 'none'>,
): string {
  const lines: string[] = [];
  tools.forEach(({ name, description }, index) => {
    if (typeof toolChoice === 'object' && name !== toolChoice.name) return;
    // The line is JSON.stringify({ name, description, parameters }), the schema's text reused.
    const described =
      description === undefined ? '' : `,"description":${JSON.stringify(description)}`;
    const parameters = schemaTexts[index] ?? NO_PARAMETERS;
    lines.push(`{"name":${JSON.stringify(name)}${described},"parameters":${parameters}}`);
  });
  return `${TOOL_INSTRUCTION_HEADER}\n\n${lines.join('\n')}\n\n${FORMAT}\n${choiceLine(toolChoice)}`;
}

function choiceLine(toolChoice: Exclude<ToolChoice, 'none'>): string {
  if (toolChoice === 'auto') return AUTO;
  if (toolChoice === 'required') return REQUIRED;
  return `${NAMED_START}${toolChoice.name}".`;
}

/**
 * Reads back an instruction `formatToolInstruction` wrote, wherever it stands in `text` (inside a
 * system message, or a flattened conversation); `undefined` when `text` holds none.
 */
export function parseToolInstruction(text: string): ToolInstruction | undefined {
  const start = text.indexOf(TOOL_INSTRUCTION_HEADER);
  if (start < 0) return undefined;
  const end = text.indexOf(FORMAT, start);
  if (end < 0) return undefined;
  const tools: ToolDefinition[] = [];
  for (const line of text.slice(start + TOOL_INSTRUCTION_HEADER.length, end).split('\n')) {
    if (line.trim() === '') continue;
    const tool = parseToolLine(line);
    if (tool === undefined) return undefined;
    tools.push(tool);
  }
  const choice = text.slice(end + FORMAT.length + 1).split('\n', 1)[0] ?? '';
  if (choice === AUTO) return { tools, toolChoice: 'auto' };
  if (choice === REQUIRED) return { tools, toolChoice: 'required' };
  if (choice.startsWith(NAMED_START) && choice.endsWith('".')) {
    return { tools, toolChoice: { type: 'tool', name: choice.slice(NAMED_START.length, -2) } };
  }
  return undefined;
}

function parseToolLine(line: string): ToolDefinition | undefined {
  try {
    const tool: unknown = JSON.parse(line);
    if (
      typeof tool !== 'object' ||
      tool === null ||
      typeof (tool as ToolDefinition).name !== 'string'
    )
      return undefined;
    return tool as ToolDefinition;
  } catch {
    return undefined;
  }
}
