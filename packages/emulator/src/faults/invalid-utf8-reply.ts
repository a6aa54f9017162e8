/** The reply's pieces: text as UTF-8, numbers as raw bytes that break UTF-8. */
const PIECES: ReadonlyArray<string | readonly number[]> = [
  'Invalid UTF-8 ahead. Lone continuation bytes: [',
  [0x80],
  '] [',
  [0xbf, 0x80],
  ']; an overlong slash: [',
  [0xc0, 0xaf],
  ']; a truncated euro sign: [',
  [0xe2, 0x82],
  ']; a 0xFF byte: [',
  [0xff],
  ']. Valid again: déjà vu, 日本語, 🚀. And the reply ends inside a rocket: ',
  [0xf0, 0x9f, 0x9a],
];

/**
 * The body of the `invalid-utf8` fault: text broken by lone continuation bytes, an overlong form, a
 * truncated 3-byte sequence, a 0xFF byte, and a 4-byte sequence cut short at the very end (so a client
 * must flush its decoder). Returns a fresh copy.
 */
export function invalidUtf8ReplyBytes(): Uint8Array {
  const buffers = PIECES.map((piece) =>
    typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece),
  );
  return new Uint8Array(Buffer.concat(buffers));
}

/**
 * What a WHATWG `TextDecoder` (non-fatal, streaming, then flushed) makes of the `invalid-utf8` fault's
 * body, however it is chunked: each invalid byte, and each maximal truncated sequence, becomes U+FFFD.
 */
export function invalidUtf8DecodedText(): string {
  const replacement = '\uFFFD';
  return PIECES.map((piece) => {
    if (typeof piece === 'string') return piece;
    // Lone continuation bytes, 0xC0/0xFF and each of their followers are one replacement per byte;
    // a valid lead byte followed by too few continuation bytes is one replacement in all.
    const lead = piece[0] ?? 0;
    const isTruncatedSequence = lead >= 0xe0 && lead <= 0xf4;
    return isTruncatedSequence ? replacement : replacement.repeat(piece.length);
  }).join('');
}
