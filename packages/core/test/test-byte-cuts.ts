/** `bytes` cut at the given offsets (ascending, each within `0..bytes.length`), as consecutive pieces. */
export function cutAt<BYTES extends Uint8Array>(bytes: BYTES, offsets: readonly number[]): BYTES[] {
  const pieces: BYTES[] = [];
  let start = 0;
  for (const end of [...offsets, bytes.length]) {
    pieces.push(bytes.subarray(start, end) as BYTES);
    start = end;
  }
  return pieces;
}
