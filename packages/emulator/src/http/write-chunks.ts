import { setTimeout as sleep } from 'node:timers/promises';
import { type EmulatorResponse, writeBody } from './response-protocol.js';

/** How `writeChunks` paces its writes. */
export interface WritePacing {
  /** Milliseconds to wait between two chunks. */
  delayMs: number;
  /** Ends the waits early when the response closes or the emulator stops. */
  signal: AbortSignal;
  /** Wait until each chunk has been handed to the socket before going on (for faults that then cut it). */
  flushEach?: boolean;
}

/**
 * Writes each chunk as one write (so one HTTP chunk), waiting `delayMs` between chunks and for `drain`
 * whenever the socket's buffer is full.
 *
 * @returns `true` when every chunk was written, `false` when the connection closed first.
 */
export async function writeChunks(
  response: EmulatorResponse,
  chunks: Iterable<Uint8Array>,
  pacing: WritePacing,
): Promise<boolean> {
  let first = true;
  for (const chunk of chunks) {
    if (!first && pacing.delayMs > 0) {
      try {
        await sleep(pacing.delayMs, undefined, { signal: pacing.signal });
      } catch {
        return false;
      }
    }
    first = false;
    if (response.destroyed) return false;
    if (pacing.flushEach) {
      if (!(await writeFlushed(response, chunk))) return false;
    } else if (!writeBody(response, chunk) && !(await drained(response))) {
      return false;
    }
  }
  return !response.destroyed;
}

/** Resolves `true` on `drain`, `false` if the response closes first. */
function drained(response: EmulatorResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (result: boolean) => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(result);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    response.on('drain', onDrain);
    response.on('close', onClose);
  });
}

/** Writes one chunk and resolves once it is flushed to the socket (`true`) or the response closes (`false`). */
function writeFlushed(response: EmulatorResponse, chunk: Uint8Array): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => resolve(false);
    response.once('close', onClose);
    writeBody(response, chunk, (error) => {
      response.off('close', onClose);
      resolve(error === undefined || error === null);
    });
  });
}
