/**
 * Where a chunk can be cut so that its head holds no incomplete UTF-8 sequence at its end: before a
 * lead byte in the last three bytes whose sequence runs past the end, else the chunk's length. Cutting
 * before any byte that is not a continuation byte never changes what a WHATWG decoder makes of the
 * whole, so decoding head and tail apart gives the same text.
 */
export function utf8CutPoint(chunk: Uint8Array): number {
  const length = chunk.length;
  for (let index = length - 1; index >= 0 && index >= length - 3; index--) {
    const byte = chunk[index]!;
    if (byte < 0x80) return length;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return index + needed > length ? index : length;
    }
  }
  return length;
}

/**
 * A streaming UTF-8 decoder built on a whole-buffer decode (`decodeWhole`): it cuts each chunk at
 * `utf8CutPoint` and carries the incomplete tail into the next chunk.
 */
export function carryingDecoder(decodeWhole: (bytes: Uint8Array) => string): {
  write(chunk: Uint8Array): string;
  end(): string;
} {
  let carry: Uint8Array | undefined;
  return {
    write(chunk) {
      let bytes = chunk;
      if (carry !== undefined) {
        bytes = Buffer.concat([carry, chunk]);
        carry = undefined;
      }
      const cut = utf8CutPoint(bytes);
      if (cut < bytes.length) carry = bytes.slice(cut);
      return decodeWhole(cut === bytes.length ? bytes : bytes.subarray(0, cut));
    },
    end() {
      const rest = carry === undefined ? '' : decodeWhole(carry);
      carry = undefined;
      return rest;
    },
  };
}
