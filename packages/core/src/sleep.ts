import { setTimeout as delay } from 'node:timers/promises';

/** Waits `milliseconds`; if `signal` aborts first, rejects with the signal's reason. */
export async function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await delay(milliseconds, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}
