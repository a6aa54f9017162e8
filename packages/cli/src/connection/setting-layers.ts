/**
 * Where a setting of the command line can come from, strongest first: a flag beats the environment,
 * which beats the config file, which beats the command's own default. A setting none of them gives is
 * left to the library's default.
 */
export const SETTING_PRECEDENCE = ['flag', 'environment', 'file', 'default'] as const;

/** One of {@link SETTING_PRECEDENCE}. */
export type SettingSource = (typeof SETTING_PRECEDENCE)[number];

/** The settings each source gives, each already checked under its own name (flag, variable, file). */
export type SettingLayers<T extends object> = { readonly [S in SettingSource]?: Partial<T> };

/**
 * The settings that hold: each field from the strongest source that gives it (an `undefined` field is
 * not given). The one place the command line decides which source wins.
 *
 * @example
 * layerSettings({ flag: { timeout: 5 }, file: { timeout: 9, maxRetries: 1 } }); // { timeout: 5, maxRetries: 1 }
 */
export function layerSettings<T extends object>(layers: SettingLayers<T>): Partial<T> {
  const settings: Record<string, unknown> = {};
  for (const source of SETTING_PRECEDENCE) {
    for (const [field, value] of Object.entries(layers[source] ?? {})) {
      if (value !== undefined && !Object.hasOwn(settings, field)) settings[field] = value;
    }
  }
  return settings as Partial<T>;
}
