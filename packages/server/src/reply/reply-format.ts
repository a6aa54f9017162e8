import type { HttpError } from '../http/http-error.js';
import type { FinishReason } from './reply-source.js';

/**
 * How one API shapes a reply (chat completions, Responses): the whole body, or the event stream
 * piece by piece. One instance per request; it may keep what it has sent.
 */
export interface ReplyFormat {
  /**
   * The non-streaming response body for the whole reply, or a promise of it (the Responses API
   * stores the Response before it is sent).
   */
  body(text: string, finishReason: FinishReason): unknown;
  /** The opening events of the stream. */
  head(): string;
  /** The event carrying the next text. */
  delta(text: string): string;
  /**
   * The closing events of a reply that ended (`stop`) or was cut at its length limit (`length`), or
   * a promise of them.
   */
  tail(finishReason: FinishReason): string | Promise<string>;
  /** The closing events of a reply that failed after the stream started. */
  failure(error: HttpError): string;
}
