import { onAbort } from './abort-listeners.js';

/** Waits `milliseconds`; if `signal` aborts first, rejects with the signal's reason. */
export function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const stop =
      signal === undefined
        ? undefined
        : onAbort(signal, () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
    const timer = setTimeout(() => {
      stop?.();
      resolve();
    }, milliseconds);
  });
}
