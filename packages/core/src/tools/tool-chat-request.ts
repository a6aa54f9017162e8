import type { ChatRequest } from '../provider/provider.js';
import type { ToolRequestFields } from './check-tool-request.js';
import type { PreparedToolPrompt } from './prepared-tool-prompt.js';

/** A chat request with tools: a `ChatRequest` whose conversation may hold tool calls and results. */
export interface ToolChatRequest<MODEL extends string = string>
  extends Omit<ChatRequest<MODEL>, 'messages' | 'tools'>,
    ToolRequestFields {
  /**
   * How many times the model is asked again, with what was wrong, after a reply whose calls could
   * not be used or that called no tool though the choice requires one: 0 to 3, default 1.
   */
  maxToolRetries?: number | undefined;
}

/**
 * A `ToolChatRequest` whose conversation, tools and tool choice were checked and written once
 * already (`PreparedToolPrompt.of`), for `streamToolParts`.
 */
export interface PreparedToolChatRequest<MODEL extends string = string>
  extends Omit<ToolChatRequest<MODEL>, keyof ToolRequestFields> {
  /** The prepared conversation, tools and tool choice. */
  prompt: PreparedToolPrompt;
  /** In the prompt. */
  messages?: never;
  /** In the prompt. */
  tools?: never;
  /** In the prompt. */
  toolChoice?: never;
}

/**
 * Whether a request is one with tools: it sets `tools`, `toolChoice` or `maxToolRetries`. Such a
 * request is answered in parts (text and calls); one that sets only `toolChoice` or `maxToolRetries`
 * is then refused for its missing `tools`, never sent as plain chat with its tool fields dropped.
 */
export function isToolChatRequest<MODEL extends string>(
  request: ChatRequest<MODEL> | ToolChatRequest<MODEL>,
): request is ToolChatRequest<MODEL> {
  // A JavaScript caller may pass anything; what is no object is plain chat, refused as such.
  if (typeof request !== 'object' || request === null) return false;
  const { tools, toolChoice, maxToolRetries } = request as Partial<ToolChatRequest<MODEL>>;
  return tools !== undefined || toolChoice !== undefined || maxToolRetries !== undefined;
}
