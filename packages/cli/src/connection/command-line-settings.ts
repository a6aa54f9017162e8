import {
  type CheckedSettings,
  createOptionChecker,
  type SettingsSchema,
  settingFromText,
} from '@freechat/core/internal';
import type { CliIO } from '../terminal/io.js';
import { CLI_OWNER, nonBlank } from './option-values.js';
import type { SettingLayers } from './setting-layers.js';

/** Where one setting is read on the command line: its flag, its environment variable, or both. */
export interface SettingInputs {
  /** The flag (`--max-retries`), read from commander's value of the same name (`maxRetries`). */
  readonly flag?: string;
  /** The environment variable (`FREECHAT_PROXY`). */
  readonly env?: string;
}

/** The inputs of some fields of a schema. */
export type SchemaInputs<S extends SettingsSchema> = { readonly [K in keyof S]?: SettingInputs };

/** The checker of the command line's values: a bad one is a usage mistake of owner `freechat`. */
const { fail } = createOptionChecker(CLI_OWNER);

/**
 * The flags' and the environment's settings of `schema` named in `inputs`. Each value is read and
 * checked by the field's own spec, so a flag, a variable, a config file and the library take the same
 * values with the same words; a bad one names its flag or its variable (`invalid --timeout: …`). A
 * flag's text is checked as given (`--timeout ""` is refused); a blank variable is unset; a flag given
 * several times (`--allowed-host`) is read as a comma list.
 *
 * @throws InvalidSettingError (owner `freechat`) for the first bad value.
 */
export function readCommandLine<S extends SettingsSchema>(
  schema: S,
  inputs: SchemaInputs<S>,
  flags: object,
  env: CliIO['env'],
): Pick<SettingLayers<CheckedSettings<S>>, 'flag' | 'environment'> {
  const flag: Record<string, unknown> = {};
  const environment: Record<string, unknown> = {};
  for (const [field, input] of Object.entries(inputs) as [string, SettingInputs | undefined][]) {
    const spec = schema[field]!;
    if (input?.flag !== undefined) {
      const value = (flags as Record<string, unknown>)[commanderName(input.flag)];
      const text = Array.isArray(value) ? value.join(',') : value;
      if (typeof text === 'string') flag[field] = settingFromText(spec, text, input.flag, fail);
      else if (text !== undefined) flag[field] = spec.check(text, input.flag, fail);
    }
    const variable = input?.env === undefined ? undefined : nonBlank(env[input.env]);
    if (variable !== undefined) {
      environment[field] = settingFromText(spec, variable, input!.env!, fail);
    }
  }
  return {
    flag: flag as Partial<CheckedSettings<S>>,
    environment: environment as Partial<CheckedSettings<S>>,
  };
}

/**
 * Refuses a flag that was renamed to its setting's one name (`--retries` is `--max-retries`), naming
 * the new flag; `renamed` maps commander's name of the old flag to the new flag.
 *
 * @throws InvalidSettingError (owner `freechat`) for the first old flag given.
 */
export function refuseRenamedFlags(flags: object, renamed: Readonly<Record<string, string>>): void {
  for (const [old, flag] of Object.entries(renamed)) {
    if ((flags as Record<string, unknown>)[commanderName(old)] !== undefined) {
      fail(old, `renamed to ${flag}`);
    }
  }
}

/** The name commander gives a flag's value: `--max-retries` → `maxRetries`. */
function commanderName(flag: string): string {
  return flag
    .replace(/^--/, '')
    .replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
