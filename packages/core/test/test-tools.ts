import {
  createToolArgumentsValidator,
  type ToolArgumentsValidator,
} from '../src/tools/tool-arguments-validator.js';
import { ToolCallParser, type ToolCallParserOptions } from '../src/tools/tool-call-parser.js';
import type { ToolDefinition } from '../src/tools/tool-definition.js';
import type { ToolParserPart } from '../src/tools/tool-part.js';
import { Utf8StreamDecoder } from '../src/transport/utf8-stream-decoder.js';
import { cutAt } from './test-byte-cuts.js';

/** The tools of the tool tests: one with a required string and an enum, one without arguments. */
export const TEST_TOOLS: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'The current weather in a city.',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
      additionalProperties: false,
    },
  },
  { name: 'get_time', description: 'The current time.' },
  {
    name: 'search',
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string' },
        filters: {
          type: 'object',
          properties: { site: { type: 'string' }, recent: { type: 'boolean' } },
          required: ['site'],
        },
      },
      required: ['query'],
    },
  },
];

/** The validator of `TEST_TOOLS`. */
export function testValidator(): Promise<ToolArgumentsValidator> {
  return createToolArgumentsValidator(TEST_TOOLS);
}

/** A part as compared in tests: a call without its random id. */
export type ComparedPart =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; name: string; arguments: Record<string, unknown> }
  | { type: 'invalid-tool-call'; text: string; problems: string[] };

/**
 * Feeds `pieces` to a new parser, then ends it, and returns every part in order: adjacent text joined,
 * calls without their id (each id checked to be well-formed and unique), empty text dropped.
 */
export function parsePieces(
  options: ToolCallParserOptions,
  pieces: readonly string[],
): ComparedPart[] {
  const parser = new ToolCallParser(options);
  const parts: ToolParserPart[] = [];
  for (const piece of pieces) parts.push(...parser.push(piece));
  parts.push(...parser.end());
  return compareParts(parts);
}

/** `parts` as compared: adjacent text joined, calls without their id (checked well-formed, unique). */
export function compareParts(parts: readonly ToolParserPart[]): ComparedPart[] {
  const compared: ComparedPart[] = [];
  const ids = new Set<string>();
  for (const part of parts) {
    const last = compared[compared.length - 1];
    if (part.type === 'text') {
      if (part.text === '') continue;
      if (last?.type === 'text') last.text += part.text;
      else compared.push({ type: 'text', text: part.text });
    } else if (part.type === 'tool-call') {
      if (!/^call_[A-Za-z0-9]{24}$/.test(part.id) || ids.has(part.id)) {
        throw new Error(`bad or repeated call id ${part.id}`);
      }
      ids.add(part.id);
      if (JSON.stringify(part.arguments) !== part.argumentsText) {
        throw new Error(`argumentsText ${part.argumentsText} is not the arguments`);
      }
      compared.push({ type: 'tool-call', name: part.name, arguments: part.arguments });
    } else {
      compared.push({ type: 'invalid-tool-call', text: part.text, problems: part.problems });
    }
  }
  return compared;
}

/**
 * `text` as a stream delivers it when its UTF-8 bytes are cut at `offsets`: each piece decoded with
 * the streaming decoder, so a character cut in two arrives whole with the next piece.
 */
export function piecesCutAt(text: string, offsets: readonly number[]): string[] {
  const decoder = new Utf8StreamDecoder();
  const pieces = cutAt(new TextEncoder().encode(text), offsets).map((bytes) =>
    decoder.decode(bytes),
  );
  pieces.push(decoder.end());
  return pieces;
}
