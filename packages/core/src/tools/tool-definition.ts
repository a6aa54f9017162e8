/** A JSON Schema, as a plain object (`{ type: 'object', properties: {…}, required: […] }`). */
export type JsonSchema = { readonly [key: string]: unknown };

/** One tool the model may call. */
export interface ToolDefinition {
  /** The name the model calls it by: 1 to 64 of `A–Z a–z 0–9 _ . -`, unique in a request. */
  name: string;
  /** What the tool does and when to use it, for the model. */
  description?: string | undefined;
  /**
   * The JSON Schema of its arguments: an object schema (its `type`, if given, is `'object'`). Absent
   * means no arguments. Drafts 4, 7, 2019-09 and 2020-12 are understood (by `$schema`; 2020-12 when
   * none is named).
   */
  parameters?: JsonSchema | undefined;
}

/**
 * Whether and which tools the model may call: `auto` (it decides), `none` (no tool text is sent at all),
 * `required` (it must call at least one), or `{ type: 'tool', name }` (it must call that one).
 */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; name: string };

/**
 * Each tool's `parameters` as JSON text (`undefined` for a tool without), in the tools' order: the
 * form the instruction and the compiled-schema cache take.
 */
export function schemaTextsOf(tools: readonly ToolDefinition[]): (string | undefined)[] {
  return tools.map(({ parameters }) =>
    parameters === undefined ? undefined : JSON.stringify(parameters),
  );
}

/** The rule a tool's name follows (OpenAI's, plus `.`). */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
