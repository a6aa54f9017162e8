import type { Message, ToolCallPart } from '@freechat/core';

/** Token counts in OpenAI's `usage` shape. */
export interface CompletionUsage {
  /**
   * Estimated tokens of the prompt as the site reads it (the messages, and with tools the tool
   * instruction, earlier calls and results): its characters divided by CHARACTERS_PER_TOKEN, rounded up.
   */
  prompt_tokens: number;
  /** Estimated tokens of the reply (its text and its calls), the same way. */
  completion_tokens: number;
  /** The sum of the two. */
  total_tokens: number;
}

/** The characters per token the estimate assumes (OpenAI's rule of thumb for English text). */
export const CHARACTERS_PER_TOKEN = 4;

/**
 * Estimated token counts: the sites report none, so each count is a length in UTF-16 code units
 * divided by four, rounded up (the prompt: `ReplyPrompt.characters`; the completion: the reply's text
 * as sent plus `callCharacters` of each call). Good for a rough budget, not for billing.
 */
export function estimateUsage(promptCharacters: number, replyCharacters: number): CompletionUsage {
  const promptTokens = Math.ceil(promptCharacters / CHARACTERS_PER_TOKEN);
  const completionTokens = Math.ceil(replyCharacters / CHARACTERS_PER_TOKEN);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** What a tool call counts for in the reply's usage: its tool's name and its arguments' JSON. */
export function callCharacters(call: ToolCallPart): number {
  return call.name.length + call.argumentsText.length;
}

/** The characters of the messages a site gets: what `estimateUsage` counts as the prompt. */
export function countPromptCharacters(messages: readonly Message[]): number {
  let characters = 0;
  for (const message of messages) characters += message.content.length;
  return characters;
}
