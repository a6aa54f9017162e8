const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 24;

/**
 * A new tool call id: `call_` and 24 random letters and digits (as OpenAI's), from the platform's
 * cryptographic random source.
 */
export function generateToolCallId(): string {
  // 248 is the largest multiple of 62 below 256: bytes from it up are drawn again, so each
  // character is equally likely.
  let id = 'call_';
  while (id.length < 5 + LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(LENGTH))) {
      if (byte < 248 && id.length < 5 + LENGTH) id += ALPHABET[byte % ALPHABET.length];
    }
  }
  return id;
}
