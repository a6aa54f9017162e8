import { UsageError } from './cli-usage-error.js';

/**
 * Reads a whole number of milliseconds, at least 1.
 *
 * @throws UsageError naming the option.
 */
export function parseMilliseconds(option: string, text: string): number {
  return parseInteger(option, text, 1, 2_147_483_647);
}

/**
 * Reads a TCP port, 0 (any free one) to 65535.
 *
 * @throws UsageError naming the option.
 */
export function parsePort(option: string, text: string): number {
  return parseInteger(option, text, 0, 65_535);
}

/**
 * Reads a count, 0 to `maximum`.
 *
 * @throws UsageError naming the option.
 */
export function parseCount(option: string, text: string, maximum: number): number {
  return parseInteger(option, text, 0, maximum);
}

/** Text with its surrounding blanks removed, or `undefined` when nothing is left (an unset variable). */
export function nonBlank(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function parseInteger(option: string, text: string, minimum: number, maximum: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw new UsageError(
      `${option} must be a whole number from ${minimum} to ${maximum}, got "${text}"`,
    );
  }
  return value;
}
