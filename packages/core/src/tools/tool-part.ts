/** Text of the reply, to show as it comes. */
export interface TextPart {
  /** Always `text`. */
  type: 'text';
  /** The text. */
  text: string;
}

/** A complete, valid tool call: its tool exists and its arguments match the tool's schema. */
export interface ToolCallPart {
  /** Always `tool-call`. */
  type: 'tool-call';
  /** A new id, unique in the reply: `call_` and 24 random letters and digits. */
  id: string;
  /** The tool to call. */
  name: string;
  /** The arguments, parsed. */
  arguments: Record<string, unknown>;
  /** The arguments as a JSON string (what OpenAI's `function.arguments` carries). */
  argumentsText: string;
}

/**
 * A call the model tried to make but that cannot be passed on: an unknown tool, arguments that are no
 * JSON object or do not match the schema, another tool than the choice names, or a reply that ended
 * inside the call. Never shown as a call: ask the model again (`toolCorrectionMessage`), or show
 * `text`.
 */
export interface InvalidToolCallPart {
  /** Always `invalid-tool-call`. */
  type: 'invalid-tool-call';
  /** What the model wrote, verbatim (a fenced block with its fences). */
  text: string;
  /** What is wrong, one line each, naming the tool. */
  problems: string[];
}

/** What the streaming parser gives: text, valid calls, and calls it refused. */
export type ToolParserPart = TextPart | ToolCallPart | InvalidToolCallPart;

/** What `streamToolParts` yields: text as it comes, and valid calls as soon as each is complete. */
export type ToolStreamPart = TextPart | ToolCallPart;
