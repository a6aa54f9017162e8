import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { describeValue } from './describe-value.js';
import { redactCredentials } from './redact-credentials.js';

/** The longest wait a timer accepts (about 24.8 days). */
export const MAX_DURATION = 2 ** 31 - 1;

/** Bounds of a number check; each end is inclusive. */
export interface NumberRange {
  /** The smallest value accepted. */
  min?: number;
  /** The largest value accepted. */
  max?: number;
}

/** What a URL option may hold. */
export interface UrlRules {
  /** The accepted schemes, with their colon (`'http:'`, `'https:'`, `'socks5:'`). */
  schemes: readonly string[];
  /** Whether the URL may carry `user:password@` (default false). */
  credentials?: boolean;
  /** Whether the URL may carry a query or a fragment (default false). */
  query?: boolean;
}

/** What a string option may hold. */
export interface StringRules {
  /** Refuse the empty string. */
  nonEmpty?: boolean;
  /** Refuse CR, LF and NUL (a header value, a line of a log). */
  noControl?: boolean;
}

/**
 * Checks options of one owner (a provider, `server`, `emulator`) with one wording. Every check looks at
 * `typeof` before comparing, so a bigint, a symbol, NaN, ±Infinity or an object without a prototype is
 * an error naming its field, never a crash. `undefined` gives the fallback.
 */
export interface OptionChecker {
  /** The name errors carry as their provider. */
  readonly owner: string;
  /** Throws the typed error for `field`, with `detail` saying what was wrong. */
  fail(field: string, detail: string): never;
  /** A whole number of milliseconds, by default from 1 to {@link MAX_DURATION}. */
  duration(field: string, value: unknown, fallback: number, range?: NumberRange): number;
  /** A whole number, by default from 0; `range.max` is required. */
  count(
    field: string,
    value: unknown,
    fallback: number,
    range: NumberRange & { max: number },
  ): number;
  /**
   * A whole number of bytes, by default from 1 to `Number.MAX_SAFE_INTEGER`; with `unbounded`,
   * `Infinity` (no bound) is accepted too.
   */
  size(
    field: string,
    value: unknown,
    fallback: number,
    range?: NumberRange & { unbounded?: boolean },
  ): number;
  /** A URL string, parsed; its credentials never appear in a message. */
  url(field: string, value: unknown, rules: UrlRules): URL;
  /** One of `choices`. */
  oneOf<T extends string>(field: string, value: unknown, choices: readonly T[], fallback: T): T;
  /** A string; without a fallback, `undefined` is refused too. */
  string(field: string, value: unknown, fallback?: string, rules?: StringRules): string;
  /** A boolean. */
  boolean(field: string, value: unknown, fallback: boolean): boolean;
  /** A function. */
  func<T extends (...args: never[]) => unknown>(field: string, value: unknown, fallback: T): T;
}

/**
 * What an option checker checks: the settings of a factory, a server or an emulator (a failure is an
 * InvalidSettingError), or the fields of one request (an InvalidRequestError).
 */
export type OptionKind = 'setting' | 'request';

/**
 * Creates the option checker of `owner`. Every failure is an InvalidSettingError (or, for `kind`
 * `'request'`, an InvalidRequestError) whose `field` names the option and whose message reads
 * `invalid <field>: expected …, got <value>`.
 *
 * @example
 * const check = createOptionChecker('server');
 * const bodyLimit = check.size('bodyLimit', options.bodyLimit, 1024 * 1024);
 */
export function createOptionChecker(owner: string, kind: OptionKind = 'setting'): OptionChecker {
  const ErrorClass = kind === 'setting' ? InvalidSettingError : InvalidRequestError;
  const fail = (field: string, detail: string): never => {
    throw new ErrorClass({ provider: owner, field, message: detail });
  };
  const expect = (field: string, expected: string, value: unknown): never =>
    fail(field, `expected ${expected}, got ${describeValue(value)}`);
  const whole = (
    field: string,
    value: unknown,
    fallback: number,
    unit: string,
    min: number,
    max: number,
  ): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return expect(field, `a whole number${unit} from ${min} to ${max}`, value);
    }
    return value;
  };
  return {
    owner,
    fail,
    duration: (field, value, fallback, range = {}) =>
      whole(field, value, fallback, ' of milliseconds', range.min ?? 1, range.max ?? MAX_DURATION),
    count: (field, value, fallback, range) =>
      whole(field, value, fallback, '', range.min ?? 0, range.max),
    size: (field, value, fallback, range = {}) => {
      if (range.unbounded && value === Number.POSITIVE_INFINITY) return value;
      const min = range.min ?? 1;
      const max = range.max ?? Number.MAX_SAFE_INTEGER;
      if (value === undefined) return fallback;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        const bounds = `a whole number of bytes from ${min} to ${max}`;
        return expect(field, range.unbounded ? `${bounds}, or Infinity` : bounds, value);
      }
      return value;
    },
    url: (field, value, rules) => {
      const schemes = rules.schemes.map((scheme) => `${scheme}//`).join(' or ');
      if (typeof value !== 'string') return expect(field, `a URL string`, value);
      const shown = JSON.stringify(redactCredentials(value));
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        return fail(field, `expected a URL starting with ${schemes}, got ${shown}`);
      }
      if (!rules.schemes.includes(parsed.protocol)) {
        fail(field, `expected a URL starting with ${schemes}, got ${shown}`);
      }
      if (!rules.credentials && (parsed.username || parsed.password)) {
        fail(field, `expected a URL without credentials, got ${shown}`);
      }
      if (!rules.query && (parsed.search || parsed.hash)) {
        fail(field, `expected a URL without a query or a fragment, got ${shown}`);
      }
      return parsed;
    },
    oneOf: <T extends string>(
      field: string,
      value: unknown,
      choices: readonly T[],
      fallback: T,
    ) => {
      if (value === undefined) return fallback;
      if (typeof value !== 'string' || !choices.includes(value as T)) {
        return expect(field, `one of ${choices.map((choice) => `"${choice}"`).join(', ')}`, value);
      }
      return value as T;
    },
    string: (field, value, fallback, rules = {}) => {
      if (value === undefined && fallback !== undefined) return fallback;
      if (typeof value !== 'string') return expect(field, 'a string', value);
      if (rules.nonEmpty && value === '') return fail(field, 'expected a non-empty string');
      if (rules.noControl && /[\r\n\0]/.test(value)) {
        return fail(field, 'expected a string without CR, LF or NUL');
      }
      return value;
    },
    boolean: (field, value, fallback) => {
      if (value === undefined) return fallback;
      return typeof value === 'boolean' ? value : expect(field, 'true or false', value);
    },
    func: <T extends (...args: never[]) => unknown>(field: string, value: unknown, fallback: T) => {
      if (value === undefined) return fallback;
      return typeof value === 'function' ? (value as T) : expect(field, 'a function', value);
    },
  };
}

/**
 * The number a command-line value spells (`Number`'s reading: `0x10` is 16), or the text itself when
 * it spells none, so that a checker's message shows what was typed (`got "soon"`); `undefined` for an
 * option not given.
 */
export function numberFromText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const value = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isNaN(value) ? text : value;
}
