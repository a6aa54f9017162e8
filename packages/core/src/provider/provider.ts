import type { Message } from '../messages/message.js';
import type { RetryEvent } from './retry-event.js';

/** One chat request: the conversation and how long to wait. */
export interface ChatRequest<MODEL extends string = string> {
  /** The conversation, oldest first; the last message is the user's. */
  messages: readonly Message[];
  /**
   * One of the provider's `models`; empty or absent means its `defaultModel`. A label for your own
   * bookkeeping: it is never sent, the site alone decides which model answers. Any other string is a
   * ModelNotFoundError, before any traffic.
   */
  model?: MODEL | undefined;
  /** Cancels the request; the call then rejects with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal | undefined;
  /** Milliseconds until the response starts; overrides the provider's setting. */
  timeout?: number | undefined;
  /** Milliseconds of silence allowed between two chunks; overrides the provider's setting. */
  idleTimeout?: number | undefined;
  /**
   * The most bytes of (decoded) reply accepted before the request is closed with a
   * `ReplyTooLargeError`; `Infinity` for no bound. Overrides the provider's setting and
   * `complete()`'s default of 16 MiB (`DEFAULT_MAX_REPLY_BYTES`).
   */
  maxReplyBytes?: number | undefined;
  /**
   * Called each time an attempt failed and another follows (after a backoff, or at once on the next
   * mirror), before the wait: to show a person that the request is still being tried. Called
   * synchronously; what it throws ends the request with that error.
   */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /**
   * None: a request with tools is a `ToolChatRequest`, and its reply comes as parts (text and calls);
   * see `ProviderWithTools`.
   */
  tools?: undefined;
}

/** What a provider says about itself. */
export interface ProviderInfo<MODEL extends string = string> {
  /** Stable lowercase id: `free2gpt`, `aichatfree`, `gprochat`, `freegpt`, … */
  readonly id: string;
  /** Display name: `Free2GPT`, … */
  readonly label: string;
  /** The site's address, for people. */
  readonly url: string;
  /** The last known status of the real site; shown to users, never a reason to refuse a call. */
  readonly lastKnownUp: boolean;
  /** Whether a system message reaches the model as one. */
  readonly supportsSystemMessage: boolean;
  /** The model used when a request names none. */
  readonly defaultModel: MODEL;
  /** The model labels a request may name (never sent: see `ChatRequest.model`). */
  readonly models: readonly MODEL[];
}

/**
 * A chat provider: the text contract every freechat provider implements, and the one a wrapper of a
 * provider implements. What the factories and `createFallback` return is a `ProviderWithTools`, whose
 * `stream()` and `complete()` also take tools.
 */
export interface Provider<MODEL extends string = string> extends ProviderInfo<MODEL> {
  /**
   * The API base URLs this instance sends to (one, or a list of mirrors). Empty for a fallback chain.
   */
  readonly baseURLs: readonly string[];
  /**
   * Sends the request and yields the reply's text as it arrives. Breaking out of the loop closes the
   * request. Errors are freechat's typed errors (see `ProviderError`); an abort rejects with the
   * signal's reason.
   */
  stream(request: ChatRequest<MODEL>): AsyncGenerator<string, void, undefined>;
  /** Sends the request and resolves with the whole reply. */
  complete(request: ChatRequest<MODEL>): Promise<string>;
  /**
   * Closes the connections this instance opened, at once: a request still in flight fails with a
   * ConnectionError. Requests made after it open new connections.
   */
  close(): Promise<void>;
}

/**
 * Reads a stream of text to its end and returns the whole of it: what a provider's `complete()` does
 * with its `stream()`.
 */
export async function collectText(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of stream) text += piece;
  return text;
}
