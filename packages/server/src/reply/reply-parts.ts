import { type Provider, streamToolParts, type ToolStreamPart } from '@freechat/core';
import type { ReplyPrompt } from './reply-prompt.js';

/** What one upstream reply yields: text (a plain prompt's), or core's text and tool-call parts. */
export type UpstreamPart = string | ToolStreamPart;

/** The request settings of one reply. */
export interface ReplyPartsOptions {
  /** The provider's model id. */
  model: string;
  /** Aborts the upstream request. */
  signal: AbortSignal;
}

/**
 * Asks `provider` for the reply to `prompt`, as it streams. A prompt that uses tools goes through
 * core's `streamToolParts` (text parts as they come, each valid call once complete, the one
 * corrective retry, a ToolCallError when a required call never came); a plain prompt is
 * `provider.stream()`, whose text needs no parser.
 */
export function replyParts(
  provider: Provider,
  prompt: ReplyPrompt,
  { model, signal }: ReplyPartsOptions,
): AsyncGenerator<UpstreamPart, void, undefined> {
  if (!prompt.usesTools) return provider.stream({ messages: prompt.plainMessages, model, signal });
  return streamToolParts(provider, { prompt: prompt.toolPrompt, model, signal });
}
