import {
  type FailSetting,
  failExpected,
  type RequiredSpec,
  type SettingSpec,
  type SpecValue,
} from './setting-spec.js';

/** A settings object's schema: each field's spec, under the field's one name. */
export type SettingsSchema = { readonly [field: string]: SettingSpec<unknown> };

/** The fields of `S` an object must give. */
type RequiredFields<S extends SettingsSchema> = {
  [K in keyof S]: S[K] extends RequiredSpec<unknown> ? K : never;
}[keyof S];

/**
 * The checked settings of schema `S`: the fields that were given (an `undefined` one is not given),
 * each as its spec returns it; no defaults are filled in.
 */
export type CheckedSettings<S extends SettingsSchema> = {
  -readonly [K in RequiredFields<S>]: SpecValue<S[K]>;
} & {
  -readonly [K in Exclude<keyof S, RequiredFields<S>>]?: SpecValue<S[K]>;
};

/** How {@link checkSettings} reads one object. */
export interface SettingsObjectRules {
  /**
   * Refuse a field the schema does not declare (a typo in a config file); by default such a field is
   * ignored, as a library's options object may carry more.
   */
  refuseUnknown?: boolean;
  /** Fields that were renamed (old name → new): given by the old name, each is refused naming the new. */
  renamed?: Readonly<Record<string, string>>;
}

/**
 * Checks `value` against `schema`: every field that is given, in the schema's order, then (with
 * `refuseUnknown`) the fields it does not declare. `path` goes before each field in a message
 * (`providers[1]` gives `providers[1].timeout`).
 *
 * @throws what `fail` throws, for the first bad field.
 *
 * @example
 * const given = checkSettings(PROVIDER_SETTINGS_SCHEMA, settings, '', createOptionChecker('free2gpt').fail);
 */
export function checkSettings<S extends SettingsSchema>(
  schema: S,
  value: unknown,
  path: string,
  fail: FailSetting,
  rules: SettingsObjectRules = {},
): CheckedSettings<S> {
  const where = (name: string) => (path === '' ? name : `${path}.${name}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return failExpected(fail, path === '' ? 'settings' : path, 'an object', value);
  }
  const given = value as Record<string, unknown>;
  const checked: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema)) {
    const field = Object.hasOwn(given, name) ? given[name] : undefined;
    if (field !== undefined) checked[name] = spec.check(field, where(name), fail);
    else if (spec.required) fail(where(name), `expected ${spec.expected}, got nothing`);
  }
  for (const name of Object.keys(given)) {
    if (Object.hasOwn(schema, name)) continue;
    const renamedTo = rules.renamed?.[name];
    if (renamedTo !== undefined) fail(where(name), `renamed to ${renamedTo}`);
    if (rules.refuseUnknown) fail(where(name), 'not a known setting');
  }
  return checked as CheckedSettings<S>;
}

/** An object of settings by `schema`, checked as {@link checkSettings} does, as one setting. */
export function objectSetting<S extends SettingsSchema>(
  schema: S,
  rules: SettingsObjectRules = {},
): SettingSpec<CheckedSettings<S>> {
  return {
    expected: 'an object',
    check: (value, field, fail) => checkSettings(schema, value, field, fail, rules),
  };
}

/** The schema without `fields` (the settings a file cannot hold: a function, a dispatcher). */
export function omitSettings<S extends SettingsSchema, K extends keyof S>(
  schema: S,
  fields: readonly K[],
): Omit<S, K> {
  const kept: Record<string, SettingSpec<unknown>> = {};
  for (const [name, spec] of Object.entries(schema)) {
    if (!fields.includes(name as K)) kept[name] = spec;
  }
  return kept as Omit<S, K>;
}

/** Only `fields` of the schema. */
export function pickSettings<S extends SettingsSchema, K extends keyof S>(
  schema: S,
  fields: readonly K[],
): Pick<S, K> {
  const kept: Record<string, SettingSpec<unknown>> = {};
  for (const name of fields) kept[name as string] = schema[name]!;
  return kept as Pick<S, K>;
}

/**
 * Reads one setting from the text of a flag or an environment variable and checks it, the error
 * naming `source` (`--timeout`, `FREECHAT_PORT`) as its field.
 */
export function settingFromText<T>(
  spec: SettingSpec<T>,
  text: string,
  source: string,
  fail: FailSetting,
): T {
  return spec.check(spec.fromText === undefined ? text : spec.fromText(text), source, fail);
}
