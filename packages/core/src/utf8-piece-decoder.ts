import { isAscii } from 'node:buffer';

/**
 * Decodes a reply's UTF-8 piece by piece, exactly as one streaming `TextDecoder` does (a character
 * split across pieces comes out whole, invalid bytes become U+FFFD), with a fast path: a piece of
 * ASCII only, while no character is left half-read by the previous piece, is read as Latin-1 (the same
 * characters for bytes below 0x80), which skips the general decoder. The decoder itself (~1.2 kB of
 * native memory) is made only for the first piece that needs it.
 */
export class Utf8PieceDecoder {
  #decoder: InstanceType<typeof TextDecoder> | undefined;
  /** Whether the decoder may hold the first bytes of a character (the previous piece ended in one). */
  #holding = false;

  /** The text of one more piece; the start of a character it ends in is kept for the next piece. */
  decode(bytes: Buffer): string {
    if (!this.#holding && isAscii(bytes)) return bytes.toString('latin1');
    this.#holding = endsInCharacter(bytes, this.#holding);
    this.#decoder ??= new TextDecoder('utf-8');
    return this.#decoder.decode(bytes, { stream: true });
  }

  /** The text of a character left unfinished at the end (U+FFFD), or `''`. */
  end(): string {
    this.#holding = false;
    return this.#decoder?.decode() ?? '';
  }
}

/**
 * Whether a streaming decoder may still hold bytes after `bytes`: their last lead byte (0xC0 or above)
 * is within the last three bytes, with fewer bytes after it than its character needs. A piece of only
 * continuation bytes, too short to tell, holds whatever the decoder held before it (`before`).
 */
function endsInCharacter(bytes: Buffer, before: boolean): boolean {
  for (let back = 1; back <= 3; back++) {
    if (back > bytes.length) return before;
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return false;
    if (byte >= 0xc0) return back < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2);
  }
  return false;
}
