import { createOptionChecker, numberFromText } from '@freechat/core/internal';

/** The owner of the CLI's own option errors: their `provider`. */
export const CLI_OWNER = 'freechat';

/**
 * The CLI's own checker: a bad `--timeout`, `--port` or `--retries` reads as a bad setting of the
 * library does (`invalid --timeout: expected a whole number of milliseconds from 1 to 2147483647, got
 * "soon"`), and is an InvalidSettingError of owner `freechat`, which the CLI reports with exit code 2.
 */
const check = createOptionChecker(CLI_OWNER);

/**
 * Reads a whole number of milliseconds, by default from 1 to 2147483647 (the longest timer).
 *
 * @throws InvalidSettingError naming the option in its `field`.
 */
export function parseMilliseconds(
  option: string,
  text: string,
  range?: { min?: number; max?: number },
): number {
  return check.duration(option, numberFromText(text), 0, range);
}

/**
 * Reads a TCP port, 0 (any free one) to 65535.
 *
 * @throws InvalidSettingError naming the option in its `field`.
 */
export function parsePort(option: string, text: string): number {
  return check.count(option, numberFromText(text), 0, { max: 65_535 });
}

/**
 * Reads a count, 0 to `maximum`.
 *
 * @throws InvalidSettingError naming the option in its `field`.
 */
export function parseCount(option: string, text: string, maximum: number): number {
  return check.count(option, numberFromText(text), 0, { max: maximum });
}

/** Text with its surrounding blanks removed, or `undefined` when nothing is left (an unset variable). */
export function nonBlank(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
