import { emulatedReplyText, scenarioHeaderValue } from '@freechat/emulator';
import { BENCH_MESSAGES } from './signed-request.js';

/**
 * The text the benchmark replies repeat. ASCII only: autocannon decodes each network chunk of a body
 * on its own, so a multi-byte character split across chunks would not compare equal however exact
 * the server is.
 */
export const BENCH_LINE = 'The quick brown fox jumps over the lazy dog, 0123456789. ';

/** The completion the gateways of S6 and S7 stream: what the emulator is asked for, and its text. */
export interface AsciiCompletion {
  /** The `x-emulator-scenario` value asking for the reply. */
  header: string;
  /** The reply's text, as the gateway's events must carry it. */
  text: string;
}

/** An ASCII reply of `chunks` × `chunkSize` bytes, in chunks of `chunkSize`. */
export function asciiCompletion(chunks: number, chunkSize: number): AsciiCompletion {
  const size = chunks * chunkSize;
  const step = {
    text: BENCH_LINE.repeat(Math.ceil(size / BENCH_LINE.length)).slice(0, size),
    chunkSize,
  };
  return {
    header: scenarioHeaderValue(step),
    text: emulatedReplyText('free2gpt', BENCH_MESSAGES, step),
  };
}
