import { describeValue } from './describe-value.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';

/** The longest wait a timer accepts (about 24.8 days). */
const MAX_DURATION = 2 ** 31 - 1;

/**
 * Returns `value` when it is a whole number of milliseconds from 1 to about 24.8 days, or `fallback`
 * when it is undefined; anything else is an InvalidRequestError naming `field`.
 */
export function checkDuration(
  provider: string,
  field: string,
  value: unknown,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DURATION) {
    throw new InvalidRequestError({
      provider,
      field,
      message: `expected a whole number of milliseconds from 1 to ${MAX_DURATION}, got ${describeValue(value)}`,
    });
  }
  return value;
}

/**
 * Returns `value` when it is a whole number from 0 to `max`, or `fallback` when it is undefined;
 * anything else is an InvalidRequestError naming `field`.
 */
export function checkCount(
  provider: string,
  field: string,
  value: unknown,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidRequestError({
      provider,
      field,
      message: `expected a whole number from 0 to ${max}, got ${describeValue(value)}`,
    });
  }
  return value;
}

/**
 * Returns `value` when it is a whole number of bytes from 1 up, or `Infinity` (no bound), or
 * `fallback` when it is undefined; anything else is an InvalidRequestError naming `field`.
 */
export function checkByteCount(
  provider: string,
  field: string,
  value: unknown,
  fallback: number,
): number {
  if (value === undefined || value === Number.POSITIVE_INFINITY) return value ?? fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidRequestError({
      provider,
      field,
      message: `expected a whole number of bytes from 1 up, or Infinity, got ${describeValue(value)}`,
    });
  }
  return value;
}
