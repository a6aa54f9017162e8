import type { Provider } from '../provider/provider.js';
import { DEFAULT_MAX_REPLY_BYTES } from '../settings/resolve-settings.js';
import { streamToolParts } from './stream-tool-parts.js';
import type { ToolChatRequest } from './tool-chat-request.js';
import type { ToolCallPart, ToolStreamPart } from './tool-part.js';

/** A whole reply with tools: its text and its valid calls. */
export interface ToolReply {
  /** All the text, the calls' JSON left out. */
  text: string;
  /** The valid calls, in order. */
  toolCalls: ToolCallPart[];
}

/**
 * `streamToolParts` read to its end, as `complete()` reads `stream()` (with its 16 MiB
 * `maxReplyBytes` unless the request sets one). The bound is set on the request, so it replaces a
 * `maxReplyBytes` setting of the provider; a provider's own `complete()` with tools keeps that setting.
 */
export function completeWithTools<MODEL extends string>(
  provider: Provider<MODEL>,
  request: ToolChatRequest<MODEL>,
): Promise<ToolReply> {
  const bounded = { ...request, maxReplyBytes: request.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES };
  return collectToolReply(streamToolParts(provider, bounded));
}

/** Reads a stream of parts to its end: all the text joined, and the calls in order. */
export async function collectToolReply(parts: AsyncIterable<ToolStreamPart>): Promise<ToolReply> {
  const reply: ToolReply = { text: '', toolCalls: [] };
  for await (const part of parts) {
    if (part.type === 'text') reply.text += part.text;
    else reply.toolCalls.push(part);
  }
  return reply;
}
