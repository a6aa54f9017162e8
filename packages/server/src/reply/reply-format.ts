import type { ToolCallPart, ToolReply } from '@freechat/core';
import type { HttpError } from '../http/http-error.js';
import type { FinishReason, ReplyPiece } from './reply-source.js';

/**
 * A whole reply: its text and its calls (core's `ToolReply`), and its pieces in the order they came,
 * adjacent texts joined (`['Let me look.', call, call]`).
 */
export interface WholeReply extends ToolReply {
  /** The texts and calls in order. */
  pieces: ReplyPiece[];
}

/**
 * How one API shapes a reply (chat completions, Responses, Messages): the whole body, or the event
 * stream piece by piece. One instance per request; it may keep what it has sent. A reply is text and
 * tool calls in the order the model gave them: text before a call, a call, maybe text after it. How
 * it ended is its `FinishReason`, and the stop sequence its text ended at (`ReplySource.stopSequence`,
 * for an API that names it). `replyCharacters` is what the reply sent counts toward its usage, counted
 * once by `runReply`: its text's UTF-16 code units and each call's (`ReplyRun.callLength`, else
 * `callCharacters`).
 */
export interface ReplyFormat {
  /**
   * The non-streaming response body for the whole reply, or a promise of it (the Responses API
   * stores the Response before it is sent).
   */
  body(
    reply: WholeReply,
    finishReason: FinishReason,
    stopSequence: string | undefined,
    replyCharacters: number,
  ): unknown;
  /** The opening events of the stream. */
  head(): string;
  /** The event carrying the next text. */
  delta(text: string): string;
  /** The events carrying one tool call, whole. */
  toolCall(call: ToolCallPart): string;
  /**
   * The closing events of a reply that ended (`stop`), called tools (`tool_calls`) or was cut at its
   * length limit (`length`), or a promise of them.
   */
  tail(
    finishReason: FinishReason,
    stopSequence: string | undefined,
    replyCharacters: number,
  ): string | Promise<string>;
  /** The closing events of a reply that failed after the stream started. */
  failure(error: HttpError, replyCharacters: number): string;
}
