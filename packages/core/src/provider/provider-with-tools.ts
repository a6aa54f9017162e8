import { collectToolReply, type ToolReply } from '../tools/complete-with-tools.js';
import { streamToolParts } from '../tools/stream-tool-parts.js';
import { isToolChatRequest, type ToolChatRequest } from '../tools/tool-chat-request.js';
import type { ToolStreamPart } from '../tools/tool-part.js';
import { type ChatRequest, collectText, type Provider } from './provider.js';

/**
 * A provider whose `stream()` and `complete()` also take tools: what `createProvider`, every provider
 * package's factory and `createFallback` return. A request without tools gets text, as from any
 * `Provider`. A request with `tools` (a `ToolChatRequest`, whose conversation may hold earlier calls
 * and results) goes through the prompt (`streamToolParts`) and gets parts: text, and valid calls.
 *
 * @example
 * for await (const part of free2gpt.stream({ messages, tools })) {
 *   if (part.type === 'text') process.stdout.write(part.text);
 *   else console.log(part.name, part.arguments);
 * }
 */
export interface ProviderWithTools<MODEL extends string = string> extends Provider<MODEL> {
  /**
   * Sends a request with tools and yields the reply's text as it arrives and each valid call as soon
   * as it is complete (`streamToolParts`: one corrective retry by default, a ToolCallError when the
   * choice required a call that never came). Bad input is an InvalidRequestError before any traffic.
   */
  stream(request: ToolChatRequest<MODEL>): AsyncGenerator<ToolStreamPart, void, undefined>;
  /**
   * Sends the request and yields the reply's text as it arrives. Breaking out of the loop closes the
   * request. Errors are freechat's typed errors (see `ProviderError`); an abort rejects with the
   * signal's reason.
   */
  stream(request: ChatRequest<MODEL>): AsyncGenerator<string, void, undefined>;
  /**
   * Sends a request with tools and resolves with the whole reply's text and its valid calls, with
   * `complete()`'s bound on each reply (16 MiB unless the request or the provider's settings set one).
   */
  complete(request: ToolChatRequest<MODEL>): Promise<ToolReply>;
  /** Sends the request and resolves with the whole reply. */
  complete(request: ChatRequest<MODEL>): Promise<string>;
}

/** How a provider streams text: as its `stream()` does, and as its `complete()` reads it. */
export interface TextStreams<MODEL extends string> {
  /** The text of `stream()`. */
  stream(request: ChatRequest<MODEL>): AsyncGenerator<string, void, undefined>;
  /** The text `complete()` reads: with complete's bound on the reply where nothing else sets one. */
  completeStream(request: ChatRequest<MODEL>): AsyncGenerator<string, void, undefined>;
}

/**
 * Makes a provider of `info` (its facts and `close()`) and its two text streams, with a `stream()` and
 * a `complete()` that take tools too: the one place a provider gets them, so that text and tool
 * requests alike keep the provider's retries, fallback and bounds.
 */
export function withTools<MODEL extends string>(
  info: Omit<Provider<MODEL>, 'stream' | 'complete'>,
  streams: TextStreams<MODEL>,
): ProviderWithTools<MODEL> {
  const completeText = (request: ChatRequest<MODEL>) =>
    collectText(streams.completeStream(request));
  const text: Provider<MODEL> = { ...info, stream: streams.stream, complete: completeText };
  const boundedText: Provider<MODEL> = { ...text, stream: streams.completeStream };

  function stream(request: ToolChatRequest<MODEL>): AsyncGenerator<ToolStreamPart, void, undefined>;
  function stream(request: ChatRequest<MODEL>): AsyncGenerator<string, void, undefined>;
  function stream(
    request: ChatRequest<MODEL> | ToolChatRequest<MODEL>,
  ): AsyncGenerator<ToolStreamPart | string, void, undefined> {
    return isToolChatRequest(request) ? streamToolParts(text, request) : streams.stream(request);
  }

  function complete(request: ToolChatRequest<MODEL>): Promise<ToolReply>;
  function complete(request: ChatRequest<MODEL>): Promise<string>;
  function complete(
    request: ChatRequest<MODEL> | ToolChatRequest<MODEL>,
  ): Promise<ToolReply | string> {
    return isToolChatRequest(request)
      ? collectToolReply(streamToolParts(boundedText, request))
      : completeText(request);
  }

  return { ...info, stream, complete };
}
