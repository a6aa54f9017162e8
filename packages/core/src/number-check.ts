import { createOptionChecker } from './option-check.js';

/**
 * A request's own `timeout`, `idleTimeout` and `maxReplyBytes`, checked by the one option checker.
 * Kept for `create-provider.ts` until it calls {@link createOptionChecker} itself.
 */
export function checkDuration(
  provider: string,
  field: string,
  value: unknown,
  fallback: number,
): number {
  return createOptionChecker(provider).duration(field, value, fallback);
}

/** A whole number of bytes from 1 up, or Infinity; see {@link checkDuration}. */
export function checkByteCount(
  provider: string,
  field: string,
  value: unknown,
  fallback: number,
): number {
  return createOptionChecker(provider).size(field, value, fallback, { unbounded: true });
}
