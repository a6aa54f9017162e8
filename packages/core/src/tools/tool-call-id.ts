const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LENGTH = 24;
/** 248 is the largest multiple of 62 up to 256: a byte from it up is drawn again, so each character is equally likely. */
const BYTE_LIMIT = 248;
/** Random bytes drawn at once: one draw serves ~150 ids (each takes ~25 bytes). */
const POOL_SIZE = 4096;

const pool = new Uint8Array(POOL_SIZE);
let used = POOL_SIZE;

/** The next unused byte of the pool, which is drawn again once every byte is used. */
function randomByte(): number {
  if (used === POOL_SIZE) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  return pool[used++]!;
}

/**
 * A new tool call id: `call_` and 24 random letters and digits (as OpenAI's), from the platform's
 * cryptographic random source. Each byte serves one id only.
 */
export function generateToolCallId(): string {
  let id = 'call_';
  for (let count = 0; count < LENGTH; ) {
    const byte = randomByte();
    if (byte < BYTE_LIMIT) {
      id += ALPHABET[byte % ALPHABET.length];
      count++;
    }
  }
  return id;
}
