import { setTimeout as delay } from 'node:timers/promises';

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export function now(): number {
  return performance.now();
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Runs `count` calls of `task` with at most `concurrency` in flight, and counts the ones whose reply
 * fails `check`.
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: () => Promise<string>,
  check: (text: string) => boolean,
): Promise<number> {
  let started = 0;
  let wrong = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      if (!check(await task())) wrong++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return wrong;
}

/** Milliseconds of CPU (user and system) this process has used since `start` (a `process.cpuUsage()`). */
export function cpuMillisecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** How often a ramp starts its next batch of calls. */
const RAMP_TICK_MS = 10;

/**
 * Starts `count` calls of `task` at `perSecond` (in batches every 10 ms, so a listener's accept
 * backlog is not flooded), lets them all run at once, and counts the replies that fail `check`. Once
 * all have settled, rejects with the first call's error if any failed.
 */
export async function runRamped(
  count: number,
  perSecond: number,
  task: () => Promise<string>,
  check: (text: string) => boolean,
): Promise<number> {
  const batch = Math.max(1, Math.round((perSecond * RAMP_TICK_MS) / 1000));
  const calls: Promise<void>[] = [];
  let wrong = 0;
  let failure: { error: unknown } | undefined;
  const call = () =>
    task().then(
      (reply) => {
        if (!check(reply)) wrong++;
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
  while (calls.length < count) {
    for (let index = 0; index < batch && calls.length < count; index++) calls.push(call());
    if (calls.length < count) await delay(RAMP_TICK_MS);
  }
  await Promise.all(calls);
  if (failure !== undefined) throw failure.error;
  return wrong;
}
