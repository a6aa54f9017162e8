import type { ToolCallPart, ToolStreamPart } from '@freechat/core';
import { StopFilter } from '../reply/stop-filter.js';
import type { MessageStop } from './message-object.js';

/** What a message is made of as it streams: text, and valid tool calls. */
export type MessagePart = string | ToolCallPart;

/** The bounds a message keeps. */
export interface MessagePartsOptions {
  /** The stop sequences: the message ends before the first one met. */
  stops: readonly string[];
  /** The most UTF-16 code units of text and calls' input JSON together. */
  maxCharacters: number;
  /** Whether the message ends after its first tool call. */
  singleToolUse: boolean;
}

/**
 * The message as the client should see it, from the provider's text (a request without tools) or
 * core's `streamToolParts` (text and valid calls): the text cut before the first stop sequence,
 * text and calls' input JSON at most `maxCharacters` long (a call that does not fit is left out),
 * and with `singleToolUse` nothing after the first call. Once any of these ends the message, the
 * upstream request is closed at once. {@link stop} tells why it ended.
 */
export class MessageParts {
  readonly #upstream: AsyncGenerator<string | ToolStreamPart, void, undefined>;
  readonly #stops: readonly string[];
  readonly #filter: StopFilter | undefined;
  readonly #maxCharacters: number;
  readonly #singleToolUse: boolean;
  /** Text the stop filter holds back: what it was given past what it let out. */
  #held = '';
  /** A call that arrived while held text still had to go out first. */
  #pendingCall: ToolCallPart | undefined;
  #characters = 0;
  #calls = 0;
  #stop: MessageStop | undefined;
  #over = false;

  constructor(
    upstream: AsyncGenerator<string | ToolStreamPart, void, undefined>,
    options: MessagePartsOptions,
  ) {
    this.#upstream = upstream;
    this.#stops = options.stops;
    this.#filter = options.stops.length > 0 ? new StopFilter(options.stops) : undefined;
    this.#maxCharacters = options.maxCharacters;
    this.#singleToolUse = options.singleToolUse;
  }

  /**
   * Why the message ended: `stop_sequence` (with the sequence), `max_tokens`, `tool_use` when it
   * holds a call, else `end_turn`.
   */
  get stop(): MessageStop {
    return this.#stop ?? { reason: this.#calls > 0 ? 'tool_use' : 'end_turn', sequence: null };
  }

  /** The UTF-16 code units handed out: text, and the calls' input JSON. */
  get characters(): number {
    return this.#characters;
  }

  /** The next text (never empty) or call, or undefined once the message is over. Upstream errors propagate. */
  async next(): Promise<MessagePart | undefined> {
    if (this.#pendingCall !== undefined) return this.#takeCall();
    while (!this.#over) {
      let result: IteratorResult<string | ToolStreamPart, void>;
      try {
        result = await this.#upstream.next();
      } catch (error) {
        this.#over = true;
        throw error;
      }
      if (result.done) {
        this.#over = true;
        return this.#flush() || undefined;
      }
      const part = result.value;
      if (typeof part === 'string' || part.type === 'text') {
        const text = this.#text(typeof part === 'string' ? part : part.text);
        if (this.#stop !== undefined) {
          await this.close();
          return text || undefined;
        }
        if (text !== '') return text;
        continue;
      }
      // Text the filter holds goes out before the call, unless it ends the message.
      const held = this.#flush();
      if (this.#stop !== undefined) {
        await this.close();
        return held || undefined;
      }
      this.#pendingCall = part;
      if (held !== '') return held;
      return this.#takeCall();
    }
    return undefined;
  }

  /** Closes the upstream request if the message is not over yet. */
  async close(): Promise<void> {
    this.#over = true;
    await this.#upstream.return(undefined);
  }

  /** The pending call, if it fits; the message ends after it with `singleToolUse`. */
  async #takeCall(): Promise<ToolCallPart | undefined> {
    const call = this.#pendingCall!;
    this.#pendingCall = undefined;
    const size = call.argumentsText.length;
    if (this.#characters + size > this.#maxCharacters) {
      this.#stop = { reason: 'max_tokens', sequence: null };
      await this.close();
      return undefined;
    }
    this.#characters += size;
    this.#calls++;
    if (this.#singleToolUse) await this.close();
    return call;
  }

  /** Upstream text through the stop filter and the length bound. */
  #text(text: string): string {
    const filter = this.#filter;
    if (filter === undefined) return this.#bound(text);
    const given = this.#held + text;
    const out = filter.accept(text);
    this.#held = this.#afterFilter(given, out, filter);
    return this.#bound(out);
  }

  /** What the stop filter still holds, let out at the end of the text or before a call. */
  #flush(): string {
    const filter = this.#filter;
    if (filter === undefined || this.#held === '') return '';
    const given = this.#held;
    const out = filter.flush();
    this.#held = this.#afterFilter(given, out, filter);
    return this.#bound(out);
  }

  /**
   * What the filter holds after letting `out` through of `given`. When it stopped, the stop sequence
   * starts right after `out`: the first of the list met there (the filter's own choice).
   */
  #afterFilter(given: string, out: string, filter: StopFilter): string {
    if (!filter.stopped) return given.slice(out.length);
    const sequence = this.#stops.find((stop) => given.startsWith(stop, out.length)) ?? null;
    this.#stop = { reason: 'stop_sequence', sequence };
    return '';
  }

  /**
   * `text` cut to the room left under maxCharacters (never inside a surrogate pair). A cut ends the
   * message at its length, even when a stop sequence follows the text: the cut comes first.
   */
  #bound(text: string): string {
    const room = this.#maxCharacters - this.#characters;
    if (text.length <= room) {
      this.#characters += text.length;
      return text;
    }
    this.#stop = { reason: 'max_tokens', sequence: null };
    const code = room > 0 ? text.charCodeAt(room - 1) : 0;
    const end = code >= 0xd800 && code <= 0xdbff ? room - 1 : room;
    this.#characters += end;
    return text.slice(0, end);
  }
}
