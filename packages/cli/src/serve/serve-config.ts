import { InvalidSettingError, type ProviderSettings } from '@freechat/core';
import {
  type CheckedSettings,
  checkSettings,
  omitSettings,
  PROVIDER_SETTINGS_SCHEMA,
  pickSettings,
  type SettingsObjectRules,
  setting,
} from '@freechat/core/internal';
import { SERVER_OPTIONS_SCHEMA } from '@freechat/server';
import { SITE_SETTINGS_SCHEMA, type SiteSettings } from '@freechat/site';
import { UsageError } from '../commands/usage-error.js';
import { PROVIDER_IDS, type ProviderId } from '../connection/provider-registry.js';

/** Where `freechat serve` listens: the command line's own settings, besides the server's. */
export const LISTEN_SCHEMA = {
  host: setting.string({ nonEmpty: true }),
  port: setting.count({ max: 65_535 }),
} as const;

/** A provider's settings a file can hold: every one but a function and a dispatcher. */
const FILE_PROVIDER_SCHEMA = omitSettings(PROVIDER_SETTINGS_SCHEMA, ['dispatcher', 'now']);

/** The provider settings the file's top level gives every provider and site without its own. */
const SHARED_PROVIDER_SCHEMA = pickSettings(PROVIDER_SETTINGS_SCHEMA, [
  'proxy',
  'timeout',
  'idleTimeout',
  'maxRetries',
  'retryDelay',
  'maxRetryAfter',
]);

/** A built-in provider of the file's `providers` list: its id and its own settings. */
const PROVIDER_ENTRY_SCHEMA = {
  id: setting.required(setting.oneOf(PROVIDER_IDS)),
  ...FILE_PROVIDER_SCHEMA,
} as const;

/** A self-hosted deployment of the file's `sites` list: createSite's settings. */
const SITE_ENTRY_SCHEMA = omitSettings(SITE_SETTINGS_SCHEMA, ['dispatcher', 'now']);

/** Names the file once had, refused with the library's name, which it now takes. */
const RENAMED: Readonly<Record<string, string>> = {
  retries: 'maxRetries',
  apiKeys: 'apiKey',
  log: 'logger (and logContents)',
};

/** How the file's objects are read: a typo or an old name stops `serve` before it starts. */
const FILE_RULES: SettingsObjectRules = { refuseUnknown: true, renamed: RENAMED };

/**
 * The one schema of the `freechat serve --config` file: `createServer`'s options (all but the
 * providers as objects, the log's destination and the clock), where to listen, the provider
 * settings every provider and site shares, and the `providers` and `sites` lists. Every field has
 * the library's name, and is checked by the library's own spec.
 */
export const SERVE_CONFIG_SCHEMA = {
  ...LISTEN_SCHEMA,
  ...omitSettings(SERVER_OPTIONS_SCHEMA, ['providers', 'sites', 'logDestination', 'clock']),
  ...SHARED_PROVIDER_SCHEMA,
  providers: setting.list(
    setting.custom<CheckedSettings<typeof PROVIDER_ENTRY_SCHEMA>>(
      'a provider id, or an object with "id"',
      (value, field, fail) =>
        // A bare id stands for the provider with its own settings.
        checkSettings(
          PROVIDER_ENTRY_SCHEMA,
          typeof value === 'string' ? { id: value } : value,
          field,
          fail,
          FILE_RULES,
        ),
    ),
  ),
  sites: setting.list(
    setting.custom<CheckedSettings<typeof SITE_ENTRY_SCHEMA>>('an object', (value, field, fail) =>
      checkSettings(SITE_ENTRY_SCHEMA, value, field, fail, FILE_RULES),
    ),
  ),
} as const;

/** A checked `freechat serve --config` file: the fields it gives, under the library's names. */
export type ServeConfig = CheckedSettings<typeof SERVE_CONFIG_SCHEMA>;

/**
 * A config file's value that is not what the field takes. The message names the file and the field in
 * the one wording (`serve.yaml: invalid providers[1].timeout: expected …, got …`).
 */
export class ConfigError extends UsageError {
  constructor(
    /** The file. */
    readonly file: string,
    /** The field, as a path (`providers[1].timeout`), or `''` for the file as a whole. */
    readonly field: string,
    /** What is wrong with it. */
    readonly detail: string,
  ) {
    super(`${file}: ${field === '' ? detail : `invalid ${field}: ${detail}`}`);
    this.name = 'ConfigError';
  }
}

/**
 * Checks a parsed config file (JSON or YAML) by {@link SERVE_CONFIG_SCHEMA} and returns its settings.
 *
 * @throws ConfigError naming the file and the first bad field (`providers[1].timeout`), before anything
 * starts.
 */
export function checkServeConfig(file: string, value: unknown): ServeConfig {
  const fail = (field: string, detail: string): never => {
    throw new ConfigError(file, field === 'settings' ? '' : field, detail);
  };
  let config: ServeConfig;
  try {
    config = checkSettings(SERVE_CONFIG_SCHEMA, value ?? {}, '', fail, FILE_RULES);
  } catch (error) {
    // A spec of the library's own (the API keys') fails with the library's error: the same words.
    if (!InvalidSettingError.isInstance(error)) throw error;
    return fail(error.field, error.detail);
  }
  const ids = config.providers?.map((provider) => provider.id) ?? [];
  const repeated = ids.findIndex((id, index) => ids.indexOf(id) !== index);
  if (repeated !== -1) {
    fail(`providers[${repeated}].id`, `expected a provider not listed yet, got "${ids[repeated]}"`);
  }
  if (config.providers?.length === 0 && (config.sites ?? []).length === 0) {
    fail('providers', 'expected a provider or a site to serve, got an empty list and no sites');
  }
  return config;
}

/**
 * The settings of each provider of the file's `providers` list: its entry's own, over the file's top
 * level ones.
 */
export function fileProviderSettings(config: ServeConfig): Map<ProviderId, ProviderSettings> {
  const shared = sharedSettings(config);
  return new Map(
    (config.providers ?? []).map(({ id, ...own }) => [id, { ...shared, ...own }] as const),
  );
}

/** The file's `sites`, each with its own settings over the file's top level ones. */
export function fileSites(config: ServeConfig): SiteSettings[] {
  const shared = sharedSettings(config);
  return (config.sites ?? []).map((site) => ({ ...shared, ...site }));
}

/** The provider settings of the file's top level. */
function sharedSettings(config: ServeConfig): ProviderSettings {
  return Object.fromEntries(
    Object.keys(SHARED_PROVIDER_SCHEMA).flatMap((field) => {
      const value = config[field as keyof ServeConfig];
      return value === undefined ? [] : [[field, value]];
    }),
  );
}
