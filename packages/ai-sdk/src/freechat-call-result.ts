import type { LanguageModelV3FinishReason, LanguageModelV3Usage } from '@ai-sdk/provider';

/** The usage of every call: the sites report no token counts, so every count is `undefined`. */
export function unknownUsage(): LanguageModelV3Usage {
  return {
    inputTokens: {
      total: undefined,
      noCache: undefined,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined },
  };
}

/**
 * The finish reason of a call: `tool-calls` when the reply called tools, `stop` when it ended
 * otherwise, `error` when it broke off. The sites send no reason of their own, so `raw` is always
 * `undefined`.
 */
export function finishReason(
  unified: 'stop' | 'tool-calls' | 'error',
): LanguageModelV3FinishReason {
  return { unified, raw: undefined };
}
