import {
  createFallback,
  InvalidSettingError,
  type Provider,
  type ProviderSettings,
  TEMPLATE_IDS,
  type TemplateId,
} from '@freechat/core';
import type { Emulator } from '@freechat/emulator';
import { createSite } from '@freechat/site';
import type { Command } from 'commander';
import { UsageError } from '../commands/usage-error.js';
import { withoutUndefined } from '../serve/serve-config.js';
import type { CliIO } from '../terminal/io.js';
import { readSecretFile } from './bounded-read.js';
import { environmentProxyForAll } from './environment-proxy.js';
import { nonBlank, parseCount, parseMilliseconds } from './option-values.js';
import {
  baseURLVariable,
  createProviderById,
  defaultProvider,
  type ProviderId,
  splitList,
} from './provider-registry.js';

/** The raw values of the connection options, as commander collects them. */
export interface ConnectionFlags {
  /** `--base-url`, each occurrence (each may be a comma list). */
  baseUrl?: string[];
  /** `--proxy`. */
  proxy?: string;
  /** `--timeout`, in milliseconds. */
  timeout?: string;
  /** `--retries`: retries after a retryable failure, before any text. */
  retries?: string;
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

/** How to reach the providers: checked flags and environment. */
export interface ConnectionSettings {
  /** `--base-url` values, for the one provider they were given with. */
  baseURLs: ReadonlyMap<ProviderId, readonly string[]>;
  /** The proxy for every request, from `--proxy` or `FREECHAT_PROXY`. */
  proxy: string | undefined;
  /** Where {@link proxy} was set: `--proxy` or `FREECHAT_PROXY`. */
  proxySource: '--proxy' | 'FREECHAT_PROXY' | undefined;
  /** Milliseconds until a response starts, from `--timeout`. */
  timeout: number | undefined;
  /** Retries after a retryable failure, from `--retries`. */
  retries: number | undefined;
  /** Whether to run against an in-process emulator. */
  emulator: boolean;
  /** Milliseconds between the emulator's reply chunks, from `--delay`. */
  emulatorDelay: number | undefined;
  /** The deployment of `--site` and `--template`, if given. */
  site: SiteTarget | undefined;
  /** The signing secret, from `--secret`, for the one target. */
  secret: string | undefined;
  /** The site password, from `--password` or `FREECHAT_PASSWORD`, for the one target. */
  password: string | undefined;
}

/** The retries a provider makes after a retryable failure when `--retries` is not given (core's default). */
export const DEFAULT_RETRIES = 2;

/**
 * Adds `--base-url`, `--proxy`, `--timeout`, `--retries`, `--emulator` and the `--site` options;
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
      '--retries <n>',
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
    .option('--password-file <path>', 'the site password, read from this file');
}

/**
 * Checks the connection flags against the chosen providers and reads the environment and
 * `--password-file` (a warning on stderr when other users may read it).
 *
 * @throws UsageError for `--base-url` with several providers, `--site` without `--template` or with
 * `--base-url`/`--emulator`, `--secret`/`--password` without exactly one target, or a password file
 * that cannot be read, is over 64 KiB or is empty; InvalidRequestError (owner `freechat`) for a bad
 * `--timeout`, `--retries` or `--delay`.
 */
export function readConnectionSettings(
  flags: ConnectionFlags,
  ids: readonly ProviderId[],
  io: Pick<CliIO, 'env' | 'stderr'>,
  defaultTimeout?: number,
): ConnectionSettings {
  const { env } = io;
  const baseURLs = new Map<ProviderId, string[]>();
  const explicit = splitList(flags.baseUrl ?? []);
  if (explicit.length > 0) {
    if (ids.length !== 1) {
      throw new UsageError(
        `--base-url needs exactly one provider, got ${ids.join(',')}; use ${baseURLVariable(ids[0]!)} and the like for several`,
      );
    }
    baseURLs.set(ids[0]!, explicit);
  }
  const emulator = flags.emulator === true;
  if (flags.delay !== undefined && !emulator) throw new UsageError('--delay goes with --emulator');
  const emulatorDelay =
    flags.delay === undefined
      ? undefined
      : parseMilliseconds('--delay', flags.delay, { min: 0, max: 60_000 });
  const site = readSiteTarget(flags, explicit.length > 0, emulator);
  const secret = nonBlank(flags.secret);
  const flagPassword = readPasswordFlags(flags, io);
  if (
    (secret !== undefined || flagPassword !== undefined) &&
    site === undefined &&
    ids.length !== 1
  ) {
    throw new UsageError(
      `--secret and --password need exactly one provider or --site, got ${ids.join(',')}`,
    );
  }
  const oneTarget = site !== undefined || ids.length === 1;
  const password = flagPassword ?? (oneTarget ? nonBlank(env.FREECHAT_PASSWORD) : undefined);
  const flagProxy = nonBlank(flags.proxy);
  const proxy = flagProxy ?? (emulator ? undefined : nonBlank(env.FREECHAT_PROXY));
  const proxySource =
    flagProxy !== undefined ? '--proxy' : proxy !== undefined ? 'FREECHAT_PROXY' : undefined;
  const timeout =
    flags.timeout === undefined ? defaultTimeout : parseMilliseconds('--timeout', flags.timeout);
  const retries =
    flags.retries === undefined ? undefined : parseCount('--retries', flags.retries, 10);
  return {
    baseURLs,
    proxy,
    proxySource,
    timeout,
    retries,
    emulator,
    emulatorDelay,
    site,
    secret,
    password,
  };
}

/**
 * The password of `--password` or the trimmed contents of `--password-file`.
 *
 * @throws UsageError for both at once, or a file that cannot be read, is too large or is empty (never
 * its contents).
 */
function readPasswordFlags(flags: ConnectionFlags, io: Pick<CliIO, 'stderr'>): string | undefined {
  if (flags.passwordFile === undefined) return nonBlank(flags.password);
  if (flags.password !== undefined) {
    throw new UsageError('give either --password or --password-file, not both');
  }
  const password = nonBlank(readSecretFile(flags.passwordFile, '--password-file', io));
  if (password === undefined) {
    throw new UsageError(`--password-file: "${flags.passwordFile}" is empty`);
  }
  return password;
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
  if (!TEMPLATE_IDS.includes(template as TemplateId)) {
    throw new UsageError(`unknown --template "${template}"; expected ${TEMPLATE_IDS.join(' or ')}`);
  }
  if (withBaseURL || emulator) {
    throw new UsageError('--site replaces the providers: drop --base-url and --emulator');
  }
  return { baseURL, template: template as TemplateId };
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
   * @throws InvalidSettingError (from core) for a bad base URL, proxy or site setting (a proxy of the
   * environment's is named by its variable: `invalid HTTPS_PROXY: …`); UsageError when the
   * environment names different proxies for one provider's base URLs.
   */
  provider(ids: readonly ProviderId[], extra?: ProviderSettings): Provider;
  /**
   * One built-in provider with the connection's settings, also with `--site` (where
   * {@link provider} answers with the deployment): `serve` offers both side by side.
   *
   * @throws InvalidSettingError (from core), as {@link provider} does.
   */
  builtIn(id: ProviderId): Provider;
  /**
   * The `--site` deployment's client, with `extra` (`id`, `models`); undefined without `--site`.
   *
   * @throws InvalidSettingError (from core) for a bad site setting, as {@link provider} does.
   */
  site(extra?: { id?: string; models?: readonly string[] }): Provider | undefined;
  /**
   * The settings of one provider or site: `file` (a config file's), under the command line's and the
   * environment's (`--proxy`, `FREECHAT_PROXY`, `--timeout`, `--retries`), with the proxy that
   * `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` name for `file.baseURL` when no proxy is set at all.
   *
   * @throws UsageError when the environment names different proxies for `file.baseURL`'s URLs.
   */
  settings(file?: ProviderSettings): ProviderSettings;
  /**
   * Where the proxy of the provider `id` (one created here) was set: `--proxy`, `FREECHAT_PROXY`, or
   * the environment variable as it is spelled (`https_proxy`, `HTTP_PROXY`, …); undefined without one.
   */
  proxySource(id: string): string | undefined;
  /** The `--template` of the `--site` deployment `id` (one created here); undefined for any other. */
  siteTemplate(id: string): TemplateId | undefined;
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
  const siteTemplates = new Map<string, TemplateId>();
  const merged = (file: ProviderSettings = {}): ProviderSettings => {
    const result: ProviderSettings = {
      ...withoutUndefined(file),
      ...(settings.emulator ? { proxy: undefined } : {}),
      ...withoutUndefined({
        proxy: settings.proxy,
        timeout: settings.timeout,
        maxRetries: settings.retries,
      }),
    };
    if (result.proxy === undefined) delete result.proxy;
    return result;
  };
  /**
   * `result` with the proxy the environment names for `urls`, unless a proxy is set already or the
   * emulator (this machine) is the far side; and where the proxy was set.
   */
  const withProxy = (
    owner: string,
    result: ProviderSettings,
    urls: string | readonly string[] | undefined,
  ): { settings: ProviderSettings; source: string | undefined } => {
    if (result.proxy !== undefined || settings.emulator) {
      return { settings: result, source: settings.proxySource };
    }
    const list = urls === undefined ? [] : typeof urls === 'string' ? [urls] : urls;
    const proxy = environmentProxyForAll(owner, list, env);
    return proxy === undefined
      ? { settings: result, source: undefined }
      : { settings: { ...result, proxy: proxy.url }, source: proxy.variable };
  };
  /** Creates a provider, naming an invalid proxy of the environment by its variable. */
  const create = (source: string | undefined, make: () => Provider): Provider => {
    let provider: Provider;
    try {
      provider = make();
    } catch (error) {
      const fromVariable = source !== undefined && source !== '--proxy';
      if (!fromVariable || !InvalidSettingError.isInstance(error) || error.field !== 'proxy') {
        throw error;
      }
      throw new InvalidSettingError({
        provider: error.provider,
        field: source,
        message: error.detail,
      });
    }
    created.push(provider);
    if (source !== undefined) proxySources.set(provider.id, source);
    return provider;
  };
  const baseURLs = (id: ProviderId): readonly string[] | undefined => {
    const explicit = settings.baseURLs.get(id);
    if (explicit !== undefined) return explicit;
    if (emulator !== undefined) return emulator.mirrors[id];
    const fromEnv = splitList([env[baseURLVariable(id)] ?? '']);
    return fromEnv.length > 0 ? fromEnv : undefined;
  };
  const credentials = {
    ...(settings.secret === undefined ? {} : { secret: settings.secret }),
    ...(settings.password === undefined ? {} : { password: settings.password }),
  };
  const single = (id: ProviderId, extra: ProviderSettings): Provider => {
    const own: ProviderSettings = {
      ...merged(options.providerSettings?.get(id)),
      ...withoutUndefined({ baseURL: baseURLs(id) }),
      // With --site, --secret and --password are the deployment's, not the providers'.
      ...(settings.site === undefined ? credentials : {}),
      ...extra,
    };
    const { settings: final, source } = withProxy(
      id,
      own,
      own.baseURL ?? defaultProvider(id).baseURLs,
    );
    return create(source, () => createProviderById(id, final));
  };
  const site = (extra: { id?: string; models?: readonly string[] } = {}): Provider | undefined => {
    if (settings.site === undefined) return undefined;
    const target = settings.site;
    const { settings: final, source } = withProxy('--site', merged(), target.baseURL);
    const deployment = create(source, () =>
      createSite({ ...target, ...final, ...credentials, ...extra }),
    );
    siteTemplates.set(deployment.id, target.template);
    return deployment;
  };
  return {
    emulator,
    baseURLs,
    site,
    settings: (file) =>
      withProxy('a site of the config file', merged(file), file?.baseURL).settings,
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
