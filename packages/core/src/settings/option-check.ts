import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import {
  MAX_DURATION,
  type NumberRange,
  parseURL,
  type StringRules,
  setting,
  type UrlRules,
} from './setting-kinds.js';
import { numberFromText as numberOf, type SettingSpec } from './setting-spec.js';

export { MAX_DURATION, type NumberRange, type StringRules, type UrlRules };

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
  const fail = (field: string, detail: string): never => {
    throw kind === 'setting'
      ? new InvalidSettingError({ owner, field, message: detail })
      : new InvalidRequestError({ provider: owner, field, message: detail });
  };
  /** `spec`'s check of `value`, or `fallback` when it is undefined. */
  const checked = <T>(spec: SettingSpec<T>, field: string, value: unknown, fallback: T): T =>
    value === undefined ? fallback : spec.check(value, field, fail);
  return {
    owner,
    fail,
    duration: (field, value, fallback, range) =>
      checked(setting.duration(range), field, value, fallback),
    count: (field, value, fallback, range) => checked(setting.count(range), field, value, fallback),
    size: (field, value, fallback, range) => checked(setting.size(range), field, value, fallback),
    url: (field, value, rules) => parseURL(value, field, fail, rules),
    oneOf: <T extends string>(field: string, value: unknown, choices: readonly T[], fallback: T) =>
      checked(setting.oneOf(choices), field, value, fallback),
    string: (field, value, fallback, rules) =>
      value === undefined && fallback !== undefined
        ? fallback
        : setting.string(rules).check(value, field, fail),
    boolean: (field, value, fallback) => checked(setting.boolean(), field, value, fallback),
    func: <T extends (...args: never[]) => unknown>(field: string, value: unknown, fallback: T) =>
      checked(setting.func<T>(), field, value, fallback),
  };
}

/**
 * The number a command-line value spells (`Number`'s reading: `0x10` is 16), or the text itself when
 * it spells none, so that a checker's message shows what was typed (`got "soon"`); `undefined` for an
 * option not given.
 */
export function numberFromText(text: string | undefined): unknown {
  return text === undefined ? undefined : numberOf(text);
}
