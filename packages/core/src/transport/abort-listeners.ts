/** The callbacks waiting on one signal, behind the one listener added to it. */
interface Waiters {
  callbacks: Set<() => void>;
  listener: () => void;
}

const waiting = new WeakMap<AbortSignal, Waiters>();

/**
 * Calls `callback` once `signal` aborts, and returns the function that stops waiting. However many
 * requests share one signal, it carries one `abort` listener of freechat's, so a signal shared by many
 * streams never triggers Node's MaxListenersExceededWarning; that listener is removed as soon as
 * nothing waits any more.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let waiters = waiting.get(signal);
  if (waiters === undefined) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      waiting.delete(signal);
      for (const waiter of callbacks) waiter();
      callbacks.clear();
    };
    waiters = { callbacks, listener };
    waiting.set(signal, waiters);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { callbacks, listener } = waiters;
  const waiter = (): void => callback();
  callbacks.add(waiter);
  return () => {
    if (!callbacks.delete(waiter) || callbacks.size > 0) return;
    waiting.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}
