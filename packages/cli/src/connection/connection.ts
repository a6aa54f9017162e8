import {
  createFallback,
  type Provider,
  type ProviderSettings,
  TEMPLATE_IDS,
  type TemplateId,
} from '@freechat/core';
import {
  baseURLSetting,
  createOptionChecker,
  PROVIDER_SETTINGS_SCHEMA,
  proxySetting,
  setting,
  settingFromText,
} from '@freechat/core/internal';
import type { Emulator } from '@freechat/emulator';
import { createSite, SITE_SETTINGS_SCHEMA } from '@freechat/site';
import { type Command, Option } from 'commander';
import { UsageError } from '../commands/usage-error.js';
import type { CliIO } from '../terminal/io.js';
import { readSecretFile } from './bounded-read.js';
import { readCommandLine, refuseRenamedFlags, type SchemaInputs } from './command-line-settings.js';
import { environmentProxyForAll } from './environment-proxy.js';
import { CLI_OWNER, nonBlank } from './option-values.js';
import {
  baseURLVariable,
  createProviderById,
  defaultProvider,
  type ProviderId,
  splitList,
} from './provider-registry.js';
import { layerSettings, type SettingLayers } from './setting-layers.js';

/** The raw values of the connection options, as commander collects them. */
export interface ConnectionFlags {
  /** `--base-url`, each occurrence (each may be a comma list). */
  baseUrl?: string[];
  /** `--proxy`. */
  proxy?: string;
  /** `--timeout`, in milliseconds. */
  timeout?: string;
  /** `--max-retries`: retries after a retryable failure, before any text. */
  maxRetries?: string;
  /** `--emulator`. */
  emulator?: boolean;
  /** `--delay`: with `--emulator`, milliseconds between the emulated reply's chunks. */
  delay?: string;
  /** `--site`: a self-hosted deployment's URL. */
  site?: string;
  /** `--template`: the deployment's template. */
  template?: string;
  /** `--secret`: the signing secret. */
  secret?: string;
  /** `--password`: the site password. */
  password?: string;
  /** `--password-file`: a file holding the site password. */
  passwordFile?: string;
}

/** A self-hosted deployment to talk to instead of the built-in providers. */
export interface SiteTarget {
  /** The deployment's URL. */
  baseURL: string;
  /** The template it runs. */
  template: TemplateId;
}

/** The provider settings the command line gives every provider and site of the run. */
const SHARED_INPUTS: SchemaInputs<typeof PROVIDER_SETTINGS_SCHEMA> = {
  proxy: { flag: '--proxy', env: 'FREECHAT_PROXY' },
  timeout: { flag: '--timeout' },
  maxRetries: { flag: '--max-retries' },
};

/** The credentials the command line gives its one target (a provider, or the `--site` deployment). */
const CREDENTIAL_INPUTS: SchemaInputs<typeof PROVIDER_SETTINGS_SCHEMA> = {
  secret: { flag: '--secret' },
  password: { flag: '--password', env: 'FREECHAT_PASSWORD' },
};

/** The checker of the connection flags that are not provider settings (`--delay`, `--template`). */
const { fail } = createOptionChecker(CLI_OWNER);

/** How to reach the providers: the checked flags and environment. */
export interface ConnectionSettings {
  /**
   * The provider settings of the flags and the environment (`--proxy`, `FREECHAT_PROXY`, `--timeout`,
   * `--max-retries`) and the command's own defaults, for every provider and site.
   */
  shared: SettingLayers<ProviderSettings>;
  /** The credentials of the flags and the environment, for the one target only. */
  credentials: SettingLayers<ProviderSettings>;
  /** `--base-url` values, for the one provider they were given with. */
  baseURLs: ReadonlyMap<ProviderId, readonly string[]>;
  /** Where the command line's proxy was set: `--proxy` or `FREECHAT_PROXY`. */
  proxySource: '--proxy' | 'FREECHAT_PROXY' | undefined;
  /** Whether to run against an in-process emulator. */
  emulator: boolean;
  /** Milliseconds between the emulator's reply chunks, from `--delay`. */
  emulatorDelay: number | undefined;
  /** The deployment of `--site` and `--template`, if given. */
  site: SiteTarget | undefined;
}

/** The retries a provider makes after a retryable failure when `--max-retries` is not given (core's default). */
export const DEFAULT_RETRIES = 2;

/**
 * Adds `--base-url`, `--proxy`, `--timeout`, `--max-retries`, `--emulator` and the `--site` options;
 * `siteHelp` says what `--site` does for the command (`chat` and `repl` take it instead of `-p`).
 */
export function addConnectionOptions(
  command: Command,
  timeoutHelp: string,
  siteHelp = 'a self-hosted GeminiProChat or chatgpt-demo deployment instead of -p',
): Command {
  return command
    .option(
      '--base-url <url>',
      'API base URL of the provider, replacing its own (repeat it or use commas for mirrors)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--proxy <url>',
      'proxy for every request: http://, https:// or socks5:// (env FREECHAT_PROXY)',
    )
    .option('--timeout <ms>', timeoutHelp)
    .option(
      '--max-retries <n>',
      `retries after a retryable failure (connection error, 429, 5xx) before any text, each with its own --timeout (default ${DEFAULT_RETRIES})`,
    )
    .option('--emulator', 'run against an in-process emulator of the sites (offline)')
    .option(
      '--delay <ms>',
      "with --emulator, milliseconds between the reply's chunks, to watch it stream (default 0)",
    )
    .option('--site <url>', siteHelp)
    .option('--template <id>', `the deployment's template: ${TEMPLATE_IDS.join(' or ')}`)
    .option('--secret <key>', "the signing secret (the deployment's PUBLIC_SECRET_KEY)")
    .option('--password <password>', 'the site password (env FREECHAT_PASSWORD)')
    .option('--password-file <path>', 'the site password, read from this file')
    .addOption(new Option('--retries <n>').hideHelp());
}

/**
 * Checks the connection flags against the chosen providers and reads the environment and
 * `--password-file` (a warning on stderr when other users may read it). Each provider setting is
 * checked by core's spec of it, the error naming its flag or variable.
 *
 * @throws UsageError for `--base-url` with several providers, `--site` without `--template` or with
 * `--base-url`/`--emulator`, `--secret`/`--password` without exactly one target, or a password file
 * that cannot be read, is over 64 KiB or is empty; InvalidSettingError (owner `freechat`) for a bad
 * value (`--timeout`, `--max-retries`, `--proxy`, `FREECHAT_PROXY`, `--base-url`, `--delay`, …).
 */
export function readConnectionSettings(
  flags: ConnectionFlags,
  ids: readonly ProviderId[],
  io: Pick<CliIO, 'env' | 'stderr'>,
  defaultTimeout?: number,
): ConnectionSettings {
  refuseRenamedFlags(flags, { '--retries': '--max-retries' });
  const emulator = flags.emulator === true;
  // The emulator is this machine: no proxy of the environment's is read for it.
  const env = emulator ? { ...io.env, FREECHAT_PROXY: undefined } : io.env;
  const baseURLs = new Map<ProviderId, readonly string[]>();
  const explicit = splitList(flags.baseUrl ?? []);
  if (explicit.length > 0) {
    if (ids.length !== 1) {
      throw new UsageError(
        `--base-url needs exactly one provider, got ${ids.join(',')}; use ${baseURLVariable(ids[0]!)} and the like for several`,
      );
    }
    const given = explicit.length === 1 ? explicit[0] : explicit;
    baseURLs.set(ids[0]!, toList(baseURLSetting.check(given, '--base-url', fail)));
  }
  if (flags.delay !== undefined && !emulator) throw new UsageError('--delay goes with --emulator');
  const emulatorDelay =
    flags.delay === undefined
      ? undefined
      : settingFromText(setting.duration({ min: 0, max: 60_000 }), flags.delay, '--delay', fail);
  const site = readSiteTarget(flags, explicit.length > 0, emulator);
  const shared = readCommandLine(PROVIDER_SETTINGS_SCHEMA, SHARED_INPUTS, flags, env);
  const passwordFile = readPasswordFile(flags, io);
  const given = readCommandLine(PROVIDER_SETTINGS_SCHEMA, CREDENTIAL_INPUTS, flags, env);
  const credentialFlags = { ...given.flag, ...passwordFile };
  if (Object.keys(credentialFlags).length > 0 && site === undefined && ids.length !== 1) {
    throw new UsageError(
      `--secret and --password need exactly one provider or --site, got ${ids.join(',')}`,
    );
  }
  const oneTarget = site !== undefined || ids.length === 1;
  return {
    shared: {
      ...shared,
      default: defaultTimeout === undefined ? {} : { timeout: defaultTimeout },
    },
    credentials: { flag: credentialFlags, environment: oneTarget ? given.environment : {} },
    baseURLs,
    proxySource:
      shared.flag?.proxy !== undefined
        ? '--proxy'
        : shared.environment?.proxy !== undefined
          ? 'FREECHAT_PROXY'
          : undefined,
    emulator,
    emulatorDelay,
    site,
  };
}

/** One URL or several, as a list. */
function toList(baseURL: string | readonly string[]): readonly string[] {
  return typeof baseURL === 'string' ? [baseURL] : baseURL;
}

/**
 * The trimmed contents of `--password-file`, as the password it gives.
 *
 * @throws UsageError for `--password` given too, or a file that cannot be read, is too large or is
 * empty (never its contents).
 */
function readPasswordFile(
  flags: ConnectionFlags,
  io: Pick<CliIO, 'stderr'>,
): { password?: string } {
  if (flags.passwordFile === undefined) return {};
  if (flags.password !== undefined) {
    throw new UsageError('give either --password or --password-file, not both');
  }
  const password = nonBlank(readSecretFile(flags.passwordFile, '--password-file', io));
  if (password === undefined) {
    throw new UsageError(`--password-file: "${flags.passwordFile}" is empty`);
  }
  return { password };
}

function readSiteTarget(
  flags: ConnectionFlags,
  withBaseURL: boolean,
  emulator: boolean,
): SiteTarget | undefined {
  const baseURL = nonBlank(flags.site);
  const template = nonBlank(flags.template);
  if (baseURL === undefined) {
    if (template !== undefined) throw new UsageError('--template goes with --site <url>');
    return undefined;
  }
  if (template === undefined) {
    throw new UsageError(`--site needs --template ${TEMPLATE_IDS.join('|')}`);
  }
  if (withBaseURL || emulator) {
    throw new UsageError('--site replaces the providers: drop --base-url and --emulator');
  }
  return {
    baseURL: settingFromText(SITE_SETTINGS_SCHEMA.baseURL, baseURL, '--site', fail) as string,
    template: settingFromText(SITE_SETTINGS_SCHEMA.template, template, '--template', fail),
  };
}

/** The providers of one command run, and the emulator they may talk to. */
export interface Connection {
  /** The in-process emulator, with `--emulator`. */
  emulator: Emulator | undefined;
  /** The base URLs `id` sends to: `--base-url`, the emulator, `FREECHAT_<ID>_BASE_URL`, else its own. */
  baseURLs(id: ProviderId): readonly string[] | undefined;
  /**
   * Creates one provider, or a fallback chain of several, with the connection's settings and `extra`;
   * with `--site`, the deployment's client instead.
   *
   * @throws InvalidSettingError naming the flag or variable of a bad value (`invalid HTTPS_PROXY: …`,
   * `invalid FREECHAT_FREE2GPT_BASE_URL: …`), or from core for a rule between settings; UsageError
   * when the environment names different proxies for one provider's base URLs.
   */
  provider(ids: readonly ProviderId[], extra?: ProviderSettings): Provider;
  /**
   * The `--site` deployment's client, with `extra` (`id`, `models`); undefined without `--site`.
   *
   * @throws InvalidSettingError (from core) for a bad site setting, as {@link provider} does.
   */
  site(extra?: { id?: string; models?: readonly string[] }): Provider | undefined;
  /**
   * One built-in provider with the connection's settings, also with `--site` (where
   * {@link provider} answers with the deployment): `serve` offers both side by side.
   *
   * @throws InvalidSettingError (from core), as {@link provider} does.
   */
  builtIn(id: ProviderId): Provider;
  /** The `--template` of the `--site` deployment `id` (one created here); undefined for any other. */
  siteTemplate(id: string): TemplateId | undefined;
  /**
   * The settings of a site of the config file: `file`, under the command line's and the
   * environment's (`--proxy`, `FREECHAT_PROXY`, `--timeout`, `--max-retries`), with the proxy that
   * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` name for `file.baseURL` when no proxy is set at all.
   *
   * @throws UsageError when the environment names different proxies for `file.baseURL`'s URLs;
   * InvalidSettingError (owner `freechat`) naming the variable of a proxy that is not a proxy URL.
   */
  settings<T extends ProviderSettings>(file: T): T & ProviderSettings;
  /**
   * Where the proxy of the provider `id` (one created here) was set: `--proxy`, `FREECHAT_PROXY`, or
   * the environment variable as it is spelled (`https_proxy`, `HTTP_PROXY`, …); undefined without one.
   */
  proxySource(id: string): string | undefined;
  /** Closes every provider created and the emulator. */
  close(): Promise<void>;
}

/** Options of {@link openConnection}. */
export interface ConnectionOptions {
  /** Each provider's settings from a config file, under the command line's. */
  providerSettings?: ReadonlyMap<ProviderId, ProviderSettings>;
}

/** Starts the emulator if asked for and returns the factory of the run's providers. */
export async function openConnection(
  settings: ConnectionSettings,
  env: CliIO['env'],
  options: ConnectionOptions = {},
): Promise<Connection> {
  // Imported only when asked for, so that other runs start faster.
  const emulator = settings.emulator
    ? await (await import('@freechat/emulator')).startEmulator(
        settings.emulatorDelay === undefined ? {} : { delayMs: settings.emulatorDelay },
      )
    : undefined;
  const created: Provider[] = [];
  const proxySources = new Map<string, string>();
  /**
   * The settings of one provider or site: its own flags and variables (`own`: base URLs,
   * credentials) and the shared ones, over the file's, by {@link layerSettings}; with the emulator,
   * the file's proxy does not apply. Then, where no proxy is set at all, the one that
   * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` name for its base URLs, as curl reads them.
   */
  const settingsOf = <T extends ProviderSettings>(
    owner: string,
    file: T,
    own: SettingLayers<ProviderSettings> = {},
    defaultBaseURL?: string | readonly string[],
  ): { settings: T; source: string | undefined } => {
    const { proxy: _fileProxy, ...fileWithoutProxy } = file;
    const layered = layerSettings<ProviderSettings>({
      flag: { ...settings.shared.flag, ...own.flag },
      environment: { ...settings.shared.environment, ...own.environment },
      file: settings.emulator ? fileWithoutProxy : file,
      default: settings.shared.default,
    });
    const result = { ...file, ...layered } as T;
    if (result.proxy === undefined) delete result.proxy;
    if (result.proxy !== undefined || settings.emulator) {
      return {
        settings: result,
        source: result.proxy === undefined ? undefined : settings.proxySource,
      };
    }
    const proxy = environmentProxyForAll(
      owner,
      toList(result.baseURL ?? defaultBaseURL ?? []),
      env,
    );
    if (proxy === undefined) return { settings: result, source: undefined };
    // The variable's proxy is checked as any other, the error naming the variable.
    proxySetting.check(proxy.url, proxy.variable, fail);
    return { settings: { ...result, proxy: proxy.url }, source: proxy.variable };
  };
  const create = (source: string | undefined, make: () => Provider): Provider => {
    const provider = make();
    created.push(provider);
    if (source !== undefined) proxySources.set(provider.id, source);
    return provider;
  };
  const environmentBaseURLs = (id: ProviderId): readonly string[] | undefined => {
    if (settings.emulator) return undefined;
    const variable = baseURLVariable(id);
    const text = nonBlank(env[variable]);
    return text === undefined
      ? undefined
      : toList(settingFromText(baseURLSetting, text, variable, fail));
  };
  const baseURLs = (id: ProviderId): readonly string[] | undefined =>
    settings.baseURLs.get(id) ?? emulator?.mirrors[id] ?? environmentBaseURLs(id);
  const single = (id: ProviderId, extra: ProviderSettings): Provider => {
    // With --site, --secret and --password are the deployment's, not the providers'.
    const credentials = settings.site === undefined ? settings.credentials : {};
    const { settings: final, source } = settingsOf(
      id,
      options.providerSettings?.get(id) ?? {},
      {
        flag: { baseURL: settings.baseURLs.get(id) ?? emulator?.mirrors[id], ...credentials.flag },
        environment: { baseURL: environmentBaseURLs(id), ...credentials.environment },
      },
      defaultProvider(id).baseURLs,
    );
    // `extra` is what the command itself fixes (`check` makes one attempt), over every source.
    return create(source, () => createProviderById(id, { ...final, ...extra }));
  };
  const siteTemplates = new Map<string, TemplateId>();
  const site = (extra: { id?: string; models?: readonly string[] } = {}): Provider | undefined => {
    if (settings.site === undefined) return undefined;
    const { settings: final, source } = settingsOf(
      '--site',
      {},
      {
        flag: { ...settings.site, ...settings.credentials.flag },
        environment: settings.credentials.environment,
      },
    );
    const target = settings.site;
    const deployment = create(source, () => createSite({ ...target, ...final, ...extra }));
    siteTemplates.set(deployment.id, target.template);
    return deployment;
  };
  return {
    emulator,
    baseURLs,
    site,
    settings: (file) => settingsOf('a site of the config file', file).settings,
    proxySource: (id) => proxySources.get(id),
    siteTemplate: (id) => siteTemplates.get(id),
    builtIn: (id) => single(id, {}),
    provider(ids, extra = {}) {
      const deployment = site();
      if (deployment !== undefined) return deployment;
      const providers = ids.map((id) => single(id, extra));
      return providers.length === 1
        ? providers[0]!
        : createFallback(providers, { id: ids.join(',') });
    },
    async close() {
      await Promise.allSettled(created.map((provider) => provider.close()));
      await emulator?.close();
    },
  };
}
