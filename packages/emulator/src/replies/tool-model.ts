import {
  formatToolCalls,
  parseToolInstruction,
  parseToolResults,
  type ToolDefinition,
  type ToolInstruction,
  type WrittenToolResult,
} from '@freechat/core';

/**
 * The texts of a body's `messages` as a site received them, in order: each OpenAI-form message's
 * `content`, each Gemini-form message's `parts` texts joined. Anything else gives no text.
 */
export function conversationTexts(body: unknown): string[] {
  const messages = isRecord(body) ? body.messages : undefined;
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message: unknown) => {
    if (!isRecord(message)) return [];
    if (typeof message.content === 'string') return [message.content];
    if (!Array.isArray(message.parts)) return [];
    return [
      message.parts.map((part: unknown) => (isRecord(part) ? String(part.text) : '')).join(''),
    ];
  });
}

/**
 * The reply of the emulator's tool model, or `undefined` when no message holds core's tool instruction
 * (the request then gets the default reply). It answers as a model that follows the instruction:
 *
 * - after tool results (the question is `<tool_result>` elements) with the choice `auto`: prose that
 *   quotes each result;
 * - else one call, in the instruction's own format (`formatToolCalls`), of the first tool whose
 *   name the question contains, or else of the first tool (for a named choice, the instruction lists
 *   only that one). Its arguments
 *   are made from the tool's schema: the required properties only; a string is the question; a
 *   number or integer 1 (moved into `minimum`/`maximum`); a boolean true; an enum its first value; a
 *   `const` its value; an array one item; an object its own required properties.
 *
 * @param texts - The conversation's texts as the site received them (`conversationTexts`).
 * @param question - The last user turn's text.
 */
export function toolModelReply(texts: readonly string[], question: string): string | undefined {
  const instruction = findInstruction(texts);
  if (instruction === undefined || instruction.tools.length === 0) return undefined;
  const results = parseToolResults(question);
  if (results.length > 0 && instruction.toolChoice === 'auto') return quoteResults(results);
  const tool = chooseTool(instruction.tools, question);
  const args = sampleValue(tool.parameters ?? {}, question) as Record<string, unknown>;
  return formatToolCalls([{ name: tool.name, arguments: args }]);
}

function findInstruction(texts: readonly string[]): ToolInstruction | undefined {
  for (const text of texts) {
    const instruction = parseToolInstruction(text);
    if (instruction !== undefined) return instruction;
  }
  return undefined;
}

/** The first tool the question names, else the first tool (a named choice's instruction lists only it). */
function chooseTool(tools: readonly ToolDefinition[], question: string): ToolDefinition {
  const asked = question.toLowerCase();
  return tools.find((tool) => asked.includes(tool.name.toLowerCase())) ?? tools[0]!;
}

function quoteResults(results: readonly WrittenToolResult[]): string {
  const sentences = results.map(({ toolName, content, isError }) =>
    isError === true
      ? `The tool ${toolName} failed: "${content}".`
      : `The tool ${toolName} returned: "${content}".`,
  );
  return `${sentences.join(' ')} (Emulated: no model was asked.)`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that a (typical) schema accepts, made from the question; see `toolModelReply`. */
function sampleValue(schema: unknown, words: string): unknown {
  if (!isRecord(schema)) return words;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branch = [schema.anyOf, schema.oneOf].find(
    (list) => Array.isArray(list) && list.length > 0,
  );
  if (branch !== undefined) return sampleValue((branch as unknown[])[0], words);
  const type = Array.isArray(schema.type)
    ? (schema.type.find((name) => name !== 'null') ?? 'null')
    : (schema.type ?? (isRecord(schema.properties) ? 'object' : 'string'));
  switch (type) {
    case 'object': {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
      return Object.fromEntries(
        required.map((name) => [name, sampleValue(properties[name], words)]),
      );
    }
    case 'array':
      return [sampleValue(schema.items, words)];
    case 'number':
    case 'integer':
      return sampleNumber(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return sampleString(schema, words);
  }
}

function sampleNumber(schema: Record<string, unknown>): number {
  let value = 1;
  if (typeof schema.minimum === 'number' && schema.minimum > value)
    value = Math.ceil(schema.minimum);
  if (typeof schema.exclusiveMinimum === 'number' && schema.exclusiveMinimum >= value) {
    value = Math.floor(schema.exclusiveMinimum) + 1;
  }
  if (typeof schema.maximum === 'number' && schema.maximum < value)
    value = Math.floor(schema.maximum);
  return value;
}

function sampleString(schema: Record<string, unknown>, words: string): string {
  let characters = Array.from(words);
  if (typeof schema.maxLength === 'number') characters = characters.slice(0, schema.maxLength);
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  while (characters.length < minLength) characters.push('.');
  return characters.join('');
}
