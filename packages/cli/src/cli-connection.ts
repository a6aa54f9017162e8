import {
  createFallback,
  type Provider,
  type ProviderSettings,
  TEMPLATE_IDS,
  type TemplateId,
} from '@freechat/core';
import type { Emulator } from '@freechat/emulator';
import { createSite } from '@freechat/site';
import type { Command } from 'commander';
import type { CliIO } from './cli-io.js';
import { nonBlank, parseMilliseconds } from './cli-option-values.js';
import {
  baseURLVariable,
  createProviderById,
  type ProviderId,
  splitList,
} from './cli-provider-registry.js';
import { UsageError } from './cli-usage-error.js';

/** The raw values of the connection options, as commander collects them. */
export interface ConnectionFlags {
  /** `--base-url`, each occurrence (each may be a comma list). */
  baseUrl?: string[];
  /** `--proxy`. */
  proxy?: string;
  /** `--timeout`, in milliseconds. */
  timeout?: string;
  /** `--emulator`. */
  emulator?: boolean;
  /** `--site`: a self-hosted deployment's URL. */
  site?: string;
  /** `--template`: the deployment's template. */
  template?: string;
  /** `--secret`: the signing secret. */
  secret?: string;
  /** `--password`: the site password. */
  password?: string;
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
  /** Milliseconds until a response starts, from `--timeout`. */
  timeout: number | undefined;
  /** Whether to run against an in-process emulator. */
  emulator: boolean;
  /** The deployment of `--site` and `--template`, if given. */
  site: SiteTarget | undefined;
  /** The signing secret, from `--secret`, for the one target. */
  secret: string | undefined;
  /** The site password, from `--password` or `FREECHAT_PASSWORD`, for the one target. */
  password: string | undefined;
}

/** Adds `--base-url`, `--proxy`, `--timeout` and `--emulator` to a command. */
export function addConnectionOptions(command: Command, timeoutHelp: string): Command {
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
    .option('--emulator', 'run against an in-process emulator of the sites (offline)')
    .option('--site <url>', 'a self-hosted GeminiProChat or chatgpt-demo deployment instead of -p')
    .option('--template <id>', `the deployment's template: ${TEMPLATE_IDS.join(' or ')}`)
    .option('--secret <key>', "the signing secret (the deployment's PUBLIC_SECRET_KEY)")
    .option('--password <password>', 'the site password (env FREECHAT_PASSWORD)');
}

/**
 * Checks the connection flags against the chosen providers and reads the environment.
 *
 * @throws UsageError for `--base-url` with several providers, a bad `--timeout`, `--site` without
 * `--template` or with `--base-url`/`--emulator`, or `--secret`/`--password` without exactly one target.
 */
export function readConnectionSettings(
  flags: ConnectionFlags,
  ids: readonly ProviderId[],
  env: CliIO['env'],
  defaultTimeout?: number,
): ConnectionSettings {
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
  const site = readSiteTarget(flags, explicit.length > 0, emulator);
  const secret = nonBlank(flags.secret);
  const flagPassword = nonBlank(flags.password);
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
  const proxy = nonBlank(flags.proxy) ?? (emulator ? undefined : nonBlank(env.FREECHAT_PROXY));
  const timeout =
    flags.timeout === undefined ? defaultTimeout : parseMilliseconds('--timeout', flags.timeout);
  return { baseURLs, proxy, timeout, emulator, site, secret, password };
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
   * @throws InvalidRequestError (from core) for a bad base URL, proxy or site setting.
   */
  provider(ids: readonly ProviderId[], extra?: ProviderSettings): Provider;
  /**
   * The `--site` deployment's client, with `extra` (`id`, `models`); undefined without `--site`.
   *
   * @throws InvalidRequestError (from core) for a bad site setting.
   */
  site(extra?: { id?: string; models?: readonly string[] }): Provider | undefined;
  /** Closes every provider created and the emulator. */
  close(): Promise<void>;
}

/** Starts the emulator if asked for and returns the factory of the run's providers. */
export async function openConnection(
  settings: ConnectionSettings,
  env: CliIO['env'],
): Promise<Connection> {
  // Imported only when asked for, so that other runs start faster.
  const emulator = settings.emulator
    ? await (await import('@freechat/emulator')).startEmulator()
    : undefined;
  const created: Provider[] = [];
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
    const provider = createProviderById(id, {
      baseURL: baseURLs(id),
      proxy: settings.proxy,
      timeout: settings.timeout,
      // With --site, --secret and --password are the deployment's, not the providers'.
      ...(settings.site === undefined ? credentials : {}),
      ...extra,
    });
    created.push(provider);
    return provider;
  };
  const site = (extra: { id?: string; models?: readonly string[] } = {}): Provider | undefined => {
    if (settings.site === undefined) return undefined;
    const provider = createSite({
      ...settings.site,
      proxy: settings.proxy,
      timeout: settings.timeout,
      ...credentials,
      ...extra,
    });
    created.push(provider);
    return provider;
  };
  return {
    emulator,
    baseURLs,
    site,
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
