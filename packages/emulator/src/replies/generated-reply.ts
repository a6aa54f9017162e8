import { createHash } from 'node:crypto';

/** One period of the generated reply: ASCII, 2-, 3- and 4-byte UTF-8 characters, ending with a newline. */
const PERIOD = Buffer.from(
  'The quick brown fox — Größe, Ärger, ñandú; Привет, мир; 日本語のテキスト; 你好世界; 🚀🌍🎉 0123456789\n',
  'utf8',
);
const BLOCK = Buffer.concat(
  Array.from({ length: Math.floor(65_536 / PERIOD.length) }, () => PERIOD),
);
const PADDING_BYTE = 0x2e; // '.'

/**
 * The deterministic reply of a `{ size }` step, as successive byte blocks (shared, never to be modified)
 * totalling exactly `size` bytes of valid UTF-8. Memory stays constant whatever the size: the blocks are
 * views of one 64 KiB buffer. The text repeats a fixed line of mixed scripts and emoji; the last partial
 * line is cut at a character boundary and padded with `.`.
 */
export function* generatedReplyChunks(size: number): Generator<Uint8Array> {
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(`size must be an integer ≥ 0, got ${size}.`);
  }
  let remaining = size;
  while (remaining >= BLOCK.length) {
    yield BLOCK;
    remaining -= BLOCK.length;
  }
  const tailLength = remaining % PERIOD.length;
  if (remaining > tailLength) yield BLOCK.subarray(0, remaining - tailLength);
  if (tailLength > 0) yield tail(tailLength);
}

function tail(length: number): Uint8Array {
  let cut = length;
  // Back off to a character boundary: a continuation byte looks like 0b10xxxxxx.
  while (cut > 0 && ((PERIOD[cut] ?? 0) & 0xc0) === 0x80) cut -= 1;
  const bytes = Buffer.alloc(length, PADDING_BYTE);
  PERIOD.copy(bytes, 0, 0, cut);
  return bytes;
}

/**
 * The lowercase hex SHA-256 of the generated reply of `size` bytes, computed by streaming it. A client's
 * decoded text hashes the same (`createHash('sha256').update(text)`) when it is exact.
 */
export function generatedReplySha256(size: number): string {
  const hash = createHash('sha256');
  for (const chunk of generatedReplyChunks(size)) hash.update(chunk);
  return hash.digest('hex');
}
