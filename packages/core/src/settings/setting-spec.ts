import { describeValue } from './describe-value.js';

/** Throws the typed error for `field`; `detail` says what was wrong, without the field's name. */
export type FailSetting = (field: string, detail: string) => never;

/**
 * How one setting is checked, wherever its value comes from: a library's options, a config file, a
 * flag or an environment variable. Every failure reads `invalid <field>: expected <expected>, got …`.
 */
export interface SettingSpec<T> {
  /** What the setting takes, as the message's `expected …` says it (`a whole number from 0 to 10`). */
  readonly expected: string;
  /** Checks a value that was given (never `undefined`) and returns it as the setting holds it. */
  readonly check: (value: unknown, field: string, fail: FailSetting) => T;
  /**
   * Reads the text of a flag or an environment variable into the value to check (`"5"` → 5); without
   * it the text is checked as it is.
   */
  readonly fromText?: (text: string) => unknown;
  /** Whether an object of settings must give this one (`undefined` is then refused). */
  readonly required?: boolean;
}

/** A spec that an object of settings must give. */
export type RequiredSpec<T> = SettingSpec<T> & { readonly required: true };

/** The value a spec's check returns. */
export type SpecValue<S> = S extends SettingSpec<infer T> ? T : never;

/**
 * Fails `field` with the one wording: `expected <expected>, got <value>`. A secret's value is never
 * shown, only its kind.
 */
export function failExpected(
  fail: FailSetting,
  field: string,
  expected: string,
  value: unknown,
  secret = false,
): never {
  return fail(
    field,
    `expected ${expected}, got ${secret ? describeKind(value) : describeValue(value)}`,
  );
}

/** The kind of a value that must not be shown (`a number`, `a blank string`, `null`). */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.trim() === '' ? 'a blank string' : 'a string';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The number a text spells (`Number`'s reading: `0x10` is 16), or the text itself when it spells none,
 * so that a message shows what was typed (`got "soon"`).
 */
export function numberFromText(text: string): unknown {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isNaN(value) ? text : value;
}

/** `true` or `false` for the words themselves, else the text itself (which a boolean check refuses). */
export function booleanFromText(text: string): unknown {
  const word = text.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : text;
}

/** The entries of a comma list (`a, b,,c` → `['a', 'b', 'c']`), blanks dropped. */
export function listFromText(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
