/**
 * Cuts a stream of byte blocks into pieces of exactly `size` bytes (the last may be shorter), whatever
 * the blocks' own boundaries. Pieces inside one block are views of it; only a piece spanning blocks is
 * copied.
 */
export function* rechunk(source: Iterable<Uint8Array>, size: number): Generator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  for (const block of source) {
    let offset = 0;
    if (pendingLength > 0) {
      const needed = size - pendingLength;
      if (block.length < needed) {
        pending.push(block);
        pendingLength += block.length;
        continue;
      }
      pending.push(block.subarray(0, needed));
      yield Buffer.concat(pending);
      pending = [];
      pendingLength = 0;
      offset = needed;
    }
    while (block.length - offset >= size) {
      yield block.subarray(offset, offset + size);
      offset += size;
    }
    if (offset < block.length) {
      pending.push(block.subarray(offset));
      pendingLength = block.length - offset;
    }
  }
  if (pendingLength > 0) yield Buffer.concat(pending);
}
