import { redactCredentials } from './redact-credentials.js';
import {
  booleanFromText,
  type FailSetting,
  failExpected,
  listFromText,
  numberFromText,
  type RequiredSpec,
  type SettingSpec,
} from './setting-spec.js';

/** The longest wait a timer accepts (about 24.8 days). */
export const MAX_DURATION = 2 ** 31 - 1;

/** Bounds of a number check; each end is inclusive. */
export interface NumberRange {
  /** The smallest value accepted. */
  min?: number;
  /** The largest value accepted. */
  max?: number;
}

/** What a URL setting may hold. */
export interface UrlRules {
  /** The accepted schemes, with their colon (`'http:'`, `'https:'`, `'socks5:'`). */
  schemes: readonly string[];
  /** Whether the URL may carry `user:password@` (default false). */
  credentials?: boolean;
  /** Whether the URL may carry a query or a fragment (default false). */
  query?: boolean;
}

/** What a string setting may hold. */
export interface StringRules {
  /** Refuse the empty string. */
  nonEmpty?: boolean;
  /** Refuse CR, LF and NUL (a header value, a line of a log). */
  noControl?: boolean;
  /** A credential: a message shows only its kind (`got a number`), never the value. */
  secret?: boolean;
}

function wholeNumber(
  unit: string,
  min: number,
  max: number,
  unbounded = false,
): SettingSpec<number> {
  const bounds = `a whole number${unit} from ${min} to ${max}`;
  const expected = unbounded ? `${bounds}, or Infinity` : bounds;
  return {
    expected,
    fromText: numberFromText,
    check: (value, field, fail) => {
      if (unbounded && value === Number.POSITIVE_INFINITY) return value;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        return failExpected(fail, field, expected, value);
      }
      return value;
    },
  };
}

/** A whole number of milliseconds, by default from 1 to {@link MAX_DURATION}. */
function duration(range: NumberRange = {}): SettingSpec<number> {
  return wholeNumber(' of milliseconds', range.min ?? 1, range.max ?? MAX_DURATION);
}

/** A whole number, by default from 0; `range.max` is required. */
function count(range: NumberRange & { max: number }): SettingSpec<number> {
  return wholeNumber('', range.min ?? 0, range.max);
}

/**
 * A whole number of bytes, by default from 1 to `Number.MAX_SAFE_INTEGER`; with `unbounded`,
 * `Infinity` (no bound) is accepted too.
 */
function size(range: NumberRange & { unbounded?: boolean } = {}): SettingSpec<number> {
  return wholeNumber(
    ' of bytes',
    range.min ?? 1,
    range.max ?? Number.MAX_SAFE_INTEGER,
    range.unbounded,
  );
}

/** `true` or `false` (from text: the words themselves). */
function boolean(): SettingSpec<boolean> {
  return {
    expected: 'true or false',
    fromText: booleanFromText,
    check: (value, field, fail) =>
      typeof value === 'boolean' ? value : failExpected(fail, field, 'true or false', value),
  };
}

/** A string; a secret one is never shown in a message. */
function string(rules: StringRules = {}): SettingSpec<string> {
  const expected = rules.nonEmpty ? 'a non-empty string' : 'a string';
  return {
    expected,
    check: (value, field, fail) => {
      if (typeof value !== 'string' || (rules.nonEmpty && value === '')) {
        return failExpected(fail, field, expected, value, rules.secret);
      }
      // The value is not repeated: a header value may be a credential.
      if (rules.noControl && /[\r\n\0]/.test(value)) {
        return fail(field, 'expected a string without CR, LF or NUL');
      }
      return value;
    },
  };
}

/** One of `choices`. */
function oneOf<T extends string>(choices: readonly T[]): SettingSpec<T> {
  const expected = `one of ${choices.map((choice) => `"${choice}"`).join(', ')}`;
  return {
    expected,
    check: (value, field, fail) =>
      typeof value === 'string' && choices.includes(value as T)
        ? (value as T)
        : failExpected(fail, field, expected, value),
  };
}

/** A URL string, kept as given; its credentials never appear in a message. */
function url(rules: UrlRules): SettingSpec<string> {
  const expected = `a URL starting with ${rules.schemes.map((scheme) => `${scheme}//`).join(' or ')}`;
  return {
    expected,
    check: (value, field, fail) => {
      parseURL(value, field, fail, rules);
      return value as string;
    },
  };
}

/**
 * Parses a URL setting by `rules`, failing `field` with the one wording; the credentials of the URL
 * are masked in every message.
 */
export function parseURL(value: unknown, field: string, fail: FailSetting, rules: UrlRules): URL {
  const expected = `a URL starting with ${rules.schemes.map((scheme) => `${scheme}//`).join(' or ')}`;
  if (typeof value !== 'string') return failExpected(fail, field, expected, value);
  const shown = JSON.stringify(redactCredentials(value));
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return fail(field, `expected ${expected}, got ${shown}`);
  }
  if (!rules.schemes.includes(parsed.protocol)) fail(field, `expected ${expected}, got ${shown}`);
  if (!rules.credentials && (parsed.username || parsed.password)) {
    fail(field, `expected a URL without credentials, got ${shown}`);
  }
  if (!rules.query && (parsed.search || parsed.hash)) {
    fail(field, `expected a URL without a query or a fragment, got ${shown}`);
  }
  return parsed;
}

/** A function. */
function func<T extends (...args: never[]) => unknown>(): SettingSpec<T> {
  return {
    expected: 'a function',
    check: (value, field, fail) =>
      typeof value === 'function' ? (value as T) : failExpected(fail, field, 'a function', value),
  };
}

/** A list of `item`s, each checked as `field[index]`; from text, a comma list. */
function list<T>(item: SettingSpec<T>, rules: { nonEmpty?: boolean } = {}): SettingSpec<T[]> {
  const expected = rules.nonEmpty ? 'a non-empty list' : 'a list';
  return {
    expected,
    fromText: listFromText,
    check: (value, field, fail) => {
      if (!Array.isArray(value)) return failExpected(fail, field, expected, value);
      if (rules.nonEmpty && value.length === 0) {
        return fail(field, `expected ${expected}, got an empty list`);
      }
      return value.map((entry: unknown, index) => {
        const where = `${field}[${index}]`;
        return entry === undefined
          ? failExpected(fail, where, item.expected, entry)
          : item.check(entry, where, fail);
      });
    },
  };
}

/**
 * One `item`, or a non-empty list of them (each checked as `field[index]`), kept as given; from text,
 * a comma list of several, or one.
 */
function oneOrList<T>(item: SettingSpec<T>, plural: string): SettingSpec<T | T[]> {
  const many = list(item, { nonEmpty: true });
  const expected = `${item.expected}, or a non-empty list of ${plural}`;
  return {
    expected,
    fromText: (text) => {
      const entries = listFromText(text);
      return entries.length === 1 ? entries[0] : entries;
    },
    check: (value, field, fail) => {
      if (Array.isArray(value)) return many.check(value, field, fail);
      if (typeof value !== 'string') return failExpected(fail, field, expected, value);
      return item.check(value, field, fail);
    },
  };
}

/** An object of `name: item`, each checked as `field.name`; `name` must match `names` if given. */
function record<T>(
  item: SettingSpec<T>,
  names?: { pattern: RegExp; expected: string },
): SettingSpec<Record<string, T>> {
  return {
    expected: 'an object',
    check: (value, field, fail) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return failExpected(fail, field, 'an object', value);
      }
      const checked: Record<string, T> = {};
      for (const [name, entry] of Object.entries(value)) {
        const where = `${field}.${name}`;
        if (names !== undefined && !names.pattern.test(name)) {
          fail(where, `expected ${names.expected}, got ${JSON.stringify(name)}`);
        }
        checked[name] = item.check(entry, where, fail);
      }
      return checked;
    },
  };
}

/** A setting checked by its own function, which fails through `fail` with the one wording. */
function custom<T>(
  expected: string,
  check: (value: unknown, field: string, fail: FailSetting) => T,
  fromText?: (text: string) => unknown,
): SettingSpec<T> {
  return fromText === undefined ? { expected, check } : { expected, check, fromText };
}

/** `spec`, which an object of settings must give. */
function required<T>(spec: SettingSpec<T>): RequiredSpec<T> {
  return { ...spec, required: true };
}

/**
 * The kinds of setting a schema is declared from. Each kind checks `typeof` before comparing, so a
 * bigint, a symbol, NaN, ±Infinity or an object without a prototype is an error naming its field,
 * never a crash.
 *
 * @example
 * const schema = { timeout: setting.duration(), proxy: setting.url({ schemes: ['http:'] }) };
 */
export const setting = {
  duration,
  count,
  size,
  boolean,
  string,
  oneOf,
  url,
  func,
  list,
  oneOrList,
  record,
  custom,
  required,
} as const;
