import { createHash } from 'node:crypto';
import { emulatedReplyText, generatedReplySha256 } from '@freechat/emulator';
import { BENCH_MESSAGES } from './signed-request.js';

/** Replies up to this size are compared as strings; bigger ones by their SHA-256. */
const COMPARE_LIMIT = 1024 * 1024;

/**
 * Whether a decoded reply is exactly the emulator's generated reply of `size` bytes: the string itself
 * for small replies, the checksum the emulator publishes (`generatedReplySha256`) for big ones. A fast
 * wrong answer is a failure.
 */
export function replyChecker(size: number): (text: string) => boolean {
  if (size <= COMPARE_LIMIT) {
    const expected = emulatedReplyText('free2gpt', BENCH_MESSAGES, { size });
    return (text) => text === expected;
  }
  const expected = generatedReplySha256(size);
  return (text) => createHash('sha256').update(text, 'utf8').digest('hex') === expected;
}
