import type { EmulatorIncoming } from './response-protocol.js';

/** The largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** What reading a request body gave: its bytes, or that it was too large or cut off. */
export type BodyResult =
  | { kind: 'complete'; bytes: Buffer }
  | { kind: 'too-large' }
  | { kind: 'aborted' };

/**
 * Reads a request's whole body. Past `MAX_BODY_BYTES` the rest is read and discarded, so that a 413 can
 * still be sent.
 */
export function readBody(request: EmulatorIncoming): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.once('end', () => {
      if (length > MAX_BODY_BYTES) resolve({ kind: 'too-large' });
      else resolve({ kind: 'complete', bytes: Buffer.concat(chunks, length) });
    });
    request.once('close', () => {
      if (!request.complete) resolve({ kind: 'aborted' });
    });
    request.once('error', () => resolve({ kind: 'aborted' }));
  });
}
