import type { ToolCallPart } from '@freechat/core';
import type { UpstreamPart } from './reply-parts.js';
import { StopFilter } from './stop-filter.js';

/**
 * Why a reply ended: its end or a stop sequence (`stop`), the length limit (`length`), or its end
 * after it called tools (`tool_calls`).
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls';

/** A piece of the reply as the client sees it: text, or a tool call (complete and valid). */
export type ReplyPiece = string | ToolCallPart;

/** How {@link ReplySource} shapes the reply. */
export interface ReplySourceOptions {
  /** Non-empty stop sequences; the text is cut before the first. */
  stops?: readonly string[];
  /** The longest text (and calls, with `callLength`) in UTF-16 code units; undefined for no limit. */
  maxCharacters?: number | undefined;
  /** The most tool calls passed on; later ones are left out. Unbounded when undefined. */
  maxToolCalls?: number | undefined;
  /**
   * What a tool call counts toward maxCharacters, when the limit bounds the calls with the text: a
   * call that does not fit is left out, and the reply ends at its length limit. Without it, only the
   * text is bounded.
   */
  callLength?: ((call: ToolCallPart) => number) | undefined;
  /** Whether the reply ends with its first tool call: nothing after it is passed on. */
  endAfterCall?: boolean | undefined;
}

/**
 * The reply as the client should see it: the upstream text cut before the first stop sequence, and
 * at most `maxCharacters` UTF-16 code units long, with the tool calls between it (at most
 * `maxToolCalls` of them, and none after the first with `endAfterCall`). Stop sequences apply to the
 * text only, and so does the length limit unless `callLength` bounds the calls too: a call is given
 * whole or not at all. Once a stop sequence is seen, the limit is reached or the reply has its one
 * call, the upstream request is closed at once.
 */
export class ReplySource {
  readonly #upstream: AsyncGenerator<UpstreamPart, void, undefined>;
  readonly #filter: StopFilter | undefined;
  readonly #maxCharacters: number | undefined;
  readonly #maxToolCalls: number;
  readonly #callLength: ((call: ToolCallPart) => number) | undefined;
  readonly #endAfterCall: boolean;
  /** The UTF-16 code units given out under maxCharacters: text, and bounded calls. */
  #characters = 0;
  #toolCalls = 0;
  #cut = false;
  #over = false;
  /** A call that waits while the text held before it is given first. */
  #pendingCall: ToolCallPart | undefined;

  constructor(
    upstream: AsyncGenerator<UpstreamPart, void, undefined>,
    options: ReplySourceOptions,
  ) {
    const stops = options.stops ?? [];
    this.#upstream = upstream;
    this.#filter = stops.length > 0 ? new StopFilter(stops) : undefined;
    this.#maxCharacters = options.maxCharacters;
    this.#maxToolCalls = options.maxToolCalls ?? Number.POSITIVE_INFINITY;
    this.#callLength = options.callLength;
    this.#endAfterCall = options.endAfterCall === true;
  }

  /**
   * `length` once the reply reached maxCharacters (its text cut, or a bounded call left out), else
   * `tool_calls` once a call was given, else `stop`.
   */
  get finishReason(): FinishReason {
    if (this.#cut) return 'length';
    return this.#toolCalls > 0 ? 'tool_calls' : 'stop';
  }

  /**
   * The stop sequence the text ended at (see `StopFilter.sequence`), or undefined: none was met, or
   * the length limit cut the text before it.
   */
  get stopSequence(): string | undefined {
    return this.#cut ? undefined : this.#filter?.sequence;
  }

  /**
   * The next non-empty text or tool call to send, or undefined once the reply is over. Upstream
   * errors propagate.
   */
  async next(): Promise<ReplyPiece | undefined> {
    const pending = this.#pendingCall;
    if (pending !== undefined) {
      this.#pendingCall = undefined;
      return pending;
    }
    const filter = this.#filter;
    while (!this.#over) {
      let result: IteratorResult<UpstreamPart, void>;
      try {
        result = await this.#upstream.next();
      } catch (error) {
        this.#over = true;
        throw error;
      }
      if (result.done) {
        this.#over = true;
        return this.#limit(filter?.flush() ?? '') || undefined;
      }
      const part = result.value;
      if (typeof part === 'string' || part.type === 'text') {
        const upstreamText = typeof part === 'string' ? part : part.text;
        const text = this.#limit(filter === undefined ? upstreamText : filter.accept(upstreamText));
        if (this.#ended) {
          await this.close();
          return text || undefined;
        }
        if (text !== '') return text;
        continue;
      }
      if (this.#toolCalls >= this.#maxToolCalls) continue;
      // Text held for a stop sequence that may begin at its end cannot continue into a call.
      const held = filter === undefined ? '' : this.#limit(filter.flush());
      if (this.#ended || !this.#fits(part)) {
        await this.close();
        return held || undefined;
      }
      this.#toolCalls++;
      if (this.#endAfterCall) await this.close();
      if (held === '') return part;
      this.#pendingCall = part;
      return held;
    }
    return undefined;
  }

  /** Closes the upstream request if the reply is not over yet. */
  async close(): Promise<void> {
    this.#over = true;
    await this.#upstream.return(undefined);
  }

  /** Whether the reply is over at a stop sequence or its length limit. */
  get #ended(): boolean {
    return this.#cut || this.#filter?.stopped === true;
  }

  /**
   * Whether `call` fits in the room left under maxCharacters (it is counted in when it does); one
   * that does not cuts the reply. Always true when calls are not bounded.
   */
  #fits(call: ToolCallPart): boolean {
    if (this.#callLength === undefined || this.#maxCharacters === undefined) return true;
    const length = this.#callLength(call);
    if (this.#characters + length > this.#maxCharacters) {
      this.#cut = true;
      return false;
    }
    this.#characters += length;
    return true;
  }

  /** `text` cut to the room left under maxCharacters (never inside a surrogate pair). */
  #limit(text: string): string {
    if (this.#maxCharacters === undefined) return text;
    const room = this.#maxCharacters - this.#characters;
    if (text.length <= room) {
      this.#characters += text.length;
      return text;
    }
    this.#cut = true;
    const end = room > 0 && isHighSurrogate(text.charCodeAt(room - 1)) ? room - 1 : room;
    this.#characters += end;
    return text.slice(0, end);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
