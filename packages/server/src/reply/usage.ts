import type { Message } from '@freechat/core';

/** Token counts in OpenAI's `usage` shape. */
export interface CompletionUsage {
  /** Estimated tokens of the messages: their characters divided by CHARACTERS_PER_TOKEN, rounded up. */
  prompt_tokens: number;
  /** Estimated tokens of the reply, the same way. */
  completion_tokens: number;
  /** The sum of the two. */
  total_tokens: number;
}

/** The characters per token the estimate assumes (OpenAI's rule of thumb for English text). */
export const CHARACTERS_PER_TOKEN = 4;

/**
 * Estimated token counts: the sites report none, so each count is the text's length in UTF-16 code
 * units divided by four, rounded up (the prompt: every message's content; the completion: the reply
 * as sent). Good for a rough budget, not for billing.
 */
export function estimateUsage(
  messages: readonly Message[],
  replyCharacters: number,
): CompletionUsage {
  let promptCharacters = 0;
  for (const message of messages) promptCharacters += message.content.length;
  const promptTokens = Math.ceil(promptCharacters / CHARACTERS_PER_TOKEN);
  const completionTokens = Math.ceil(replyCharacters / CHARACTERS_PER_TOKEN);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}
