/** A minute, the window of `requestsPerMinute`. */
export const MINUTE = 60_000;

/** A day, the window of `tokensPerDay`. */
export const DAY = 86_400_000;

/**
 * Rounding slack for the divisions below: `(window - backlog) / interval` may land a hair under a
 * whole number that it is.
 */
const SLACK = 1e-9;

/**
 * A leaky bucket kept as one number: the time it will be empty (`drainsAt`, milliseconds since the
 * epoch). A limit of `limit` per `window` drains one unit every `window / limit` ms; the backlog now
 * is `drainsAt - now` (never below 0), and the bucket is full when the backlog reaches `window`.
 * Redis keeps the same number under the same rules (`redis-scripts.ts`), so the two backends agree.
 */
export interface Bucket {
  /** Units per window. */
  limit: number;
  /** The window in milliseconds. */
  window: number;
}

/** What a bucket holds now. */
export interface BucketLevel {
  /** Milliseconds of backlog: until the bucket is empty again. */
  backlog: number;
  /** Whole units that still fit. */
  remaining: number;
}

/** The level of `bucket` at `now`, given the time it drains (0 for a bucket never filled). */
export function bucketLevel(bucket: Bucket, drainsAt: number, now: number): BucketLevel {
  const backlog = Math.max(drainsAt - now, 0);
  const interval = bucket.window / bucket.limit;
  const remaining = Math.max(Math.floor((bucket.window - backlog) / interval + SLACK), 0);
  return { backlog, remaining };
}

/** Milliseconds until one more unit fits in a bucket with this backlog (0 when one fits now). */
export function bucketWait(bucket: Bucket, backlog: number): number {
  return Math.max(backlog + bucket.window / bucket.limit - bucket.window, 0);
}

/** The bucket's new drain time once `units` more are poured in at `now` (it may overflow). */
export function pour(bucket: Bucket, drainsAt: number, now: number, units: number): number {
  return Math.max(drainsAt, now) + (units * bucket.window) / bucket.limit;
}
