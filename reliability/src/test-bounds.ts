import { clearTimeout, setTimeout } from 'node:timers';

/**
 * Resolves or rejects as `promise` does, or rejects with an error naming `what` if it has not settled
 * within `milliseconds`: how every test here bounds a call that could hang, without timing it. The
 * bound runs on the real clock (node:timers), also in a test that fakes the global timers.
 */
export function settleWithin<T>(
  promise: Promise<T>,
  milliseconds: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not settle within ${milliseconds} ms`)),
      milliseconds,
    );
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Checks `condition` on every turn of the event loop until it holds or `milliseconds` pass, and returns
 * its last value. For state that has no event of its own (a socket count, a file descriptor count).
 */
export async function eventually(condition: () => boolean, milliseconds: number): Promise<boolean> {
  const deadline = Date.now() + milliseconds;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}
