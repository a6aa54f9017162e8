import type { Provider } from '../provider/provider.js';
import { DEFAULT_MAX_REPLY_BYTES } from '../settings/resolve-settings.js';
import { streamToolParts, type ToolChatRequest } from './stream-tool-parts.js';
import type { ToolCallPart } from './tool-part.js';

/** A whole reply with tools: its text and its valid calls. */
export interface ToolReply {
  /** All the text, the calls' JSON left out. */
  text: string;
  /** The valid calls, in order. */
  toolCalls: ToolCallPart[];
}

/**
 * `streamToolParts` read to its end, as `complete()` reads `stream()` (with its 16 MiB
 * `maxReplyBytes` unless the request sets one).
 */
export async function completeWithTools<MODEL extends string>(
  provider: Provider<MODEL>,
  request: ToolChatRequest<MODEL>,
): Promise<ToolReply> {
  const reply: ToolReply = { text: '', toolCalls: [] };
  const bounded = { ...request, maxReplyBytes: request.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES };
  for await (const part of streamToolParts(provider, bounded)) {
    if (part.type === 'text') reply.text += part.text;
    else reply.toolCalls.push(part);
  }
  return reply;
}
