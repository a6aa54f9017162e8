import { readdirSync } from 'node:fs';
import type { Emulator } from '@freechat/emulator';
import { eventually, settleWithin } from './test-bounds.js';

/** How many file descriptors this process has open (Linux: the entries of `/proc/self/fd`). */
export function openFileDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

/**
 * Waits until every logged request's `closed` promise has settled and the emulator holds at most
 * `expected` open sockets (a server socket closes a moment after its client's), and returns how many it
 * holds then.
 */
export async function settledConnections(
  emulator: Emulator,
  expected: number,
  milliseconds = 2000,
): Promise<number> {
  const closed = Promise.all(emulator.requests.map((entry) => entry.closed));
  await settleWithin(closed, milliseconds, "the emulator's logged requests");
  await eventually(() => emulator.openConnections() <= expected, milliseconds);
  return emulator.openConnections();
}
