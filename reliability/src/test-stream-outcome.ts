import {
  AuthRejectedError,
  CloudflareError,
  ConnectionError,
  EmptyReplyError,
  ModelFailedMidReplyError,
  RateLimitError,
  ResponseStatusError,
  SiteMisconfiguredError,
  TimeoutError,
  UnexpectedReplyError,
} from '@freechat/core';
import type { FaultErrorName } from './fault-expectations.js';

/** How a stream ended, as its caller saw it. */
export interface StreamOutcome {
  /** Every text yielded, joined. */
  text: string;
  /** What the stream threw; undefined when it ended normally. */
  error: unknown;
}

/** Reads a stream to its end and reports the text and the error, never throwing. */
export async function readOutcome(stream: AsyncIterable<string>): Promise<StreamOutcome> {
  let text = '';
  try {
    for await (const piece of stream) text += piece;
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}

/** Each fault error class's cross-copy check. */
export const ERROR_CHECKS: Readonly<Record<FaultErrorName, (error: unknown) => boolean>> = {
  RateLimitError: (error) => RateLimitError.isInstance(error),
  ResponseStatusError: (error) => ResponseStatusError.isInstance(error),
  CloudflareError: (error) => CloudflareError.isInstance(error),
  AuthRejectedError: (error) => AuthRejectedError.isInstance(error),
  ModelFailedMidReplyError: (error) => ModelFailedMidReplyError.isInstance(error),
  ConnectionError: (error) => ConnectionError.isInstance(error),
  TimeoutError: (error) => TimeoutError.isInstance(error),
  SiteMisconfiguredError: (error) => SiteMisconfiguredError.isInstance(error),
  UnexpectedReplyError: (error) => UnexpectedReplyError.isInstance(error),
  EmptyReplyError: (error) => EmptyReplyError.isInstance(error),
};
