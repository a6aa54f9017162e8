/**
 * How many `chunkSize`-byte chunks a mid-reply fault (`reset-mid-reply`, `stall-mid-reply`, `truncated`)
 * sends at most before it cuts, stalls or truncates; see `partialReplyLength` for the exact count.
 */
export const PARTIAL_REPLY_CHUNKS = 3;

/**
 * The exact number of bytes a mid-reply fault sends of a reply of `replyLength` bytes: the first
 * `PARTIAL_REPLY_CHUNKS` chunks, but never more than half the reply, so that a client can never receive
 * the whole of it: `min(PARTIAL_REPLY_CHUNKS × chunkSize, floor(replyLength / 2))`. That is at least 1
 * and always less than the reply for a reply of 2 bytes or more (the smallest a mid-reply fault takes).
 */
export function partialReplyLength(replyLength: number, chunkSize: number): number {
  return Math.min(PARTIAL_REPLY_CHUNKS * chunkSize, Math.floor(replyLength / 2));
}

/** The first `length` bytes of a stream of blocks, cutting the last block needed. */
export function* leadingBytes(blocks: Iterable<Uint8Array>, length: number): Generator<Uint8Array> {
  let remaining = length;
  for (const block of blocks) {
    if (remaining <= 0) return;
    const piece = block.length <= remaining ? block : block.subarray(0, remaining);
    remaining -= piece.length;
    yield piece;
  }
}
