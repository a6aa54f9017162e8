import type { Message } from '../messages/message.js';

/** One call of a tool, as the assistant made it earlier in a conversation. */
export interface ToolCall {
  /** The call's id (`call_…`), which its result names. */
  id: string;
  /** The tool called. */
  name: string;
  /** The arguments, parsed (a surface parses OpenAI's JSON string first). */
  arguments: Readonly<Record<string, unknown>>;
}

/** An assistant turn that called tools: its text (may be empty) and its calls. */
export interface AssistantToolCallMessage {
  /** Always `assistant`. */
  role: 'assistant';
  /** The text the assistant wrote before its calls; `''` for none. */
  content: string;
  /** The calls, in order. */
  toolCalls: readonly ToolCall[];
}

/** The result of one tool call, sent back to the model. */
export interface ToolResultMessage {
  /** Always `tool`. */
  role: 'tool';
  /** The id of the call this answers. */
  toolCallId: string;
  /** The tool that was called. */
  toolName: string;
  /** The result as text (JSON, plain text, …), passed to the model verbatim. */
  content: string;
  /** Whether the tool failed, `content` then saying how. */
  isError?: boolean | undefined;
}

/**
 * One turn of a conversation with tools: a plain message (system, user, assistant), an assistant turn
 * with tool calls, or a tool's result. Consecutive results form one turn.
 */
export type TranscriptMessage = Message | AssistantToolCallMessage | ToolResultMessage;
