import { createFallback, type Provider, type ProviderSettings } from '@freechat/core';
import type { Emulator } from '@freechat/emulator';
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
    .option('--emulator', 'run against an in-process emulator of the sites (offline)');
}

/**
 * Checks the connection flags against the chosen providers and reads the environment.
 *
 * @throws UsageError for `--base-url` with several providers or a bad `--timeout`.
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
  const proxy = nonBlank(flags.proxy) ?? (emulator ? undefined : nonBlank(env.FREECHAT_PROXY));
  const timeout =
    flags.timeout === undefined ? defaultTimeout : parseMilliseconds('--timeout', flags.timeout);
  return { baseURLs, proxy, timeout, emulator };
}

/** The providers of one command run, and the emulator they may talk to. */
export interface Connection {
  /** The in-process emulator, with `--emulator`. */
  emulator: Emulator | undefined;
  /** The base URLs `id` sends to: `--base-url`, the emulator, `FREECHAT_<ID>_BASE_URL`, else its own. */
  baseURLs(id: ProviderId): readonly string[] | undefined;
  /**
   * Creates one provider, or a fallback chain of several, with the connection's settings and `extra`.
   *
   * @throws InvalidRequestError (from core) for a bad base URL or proxy.
   */
  provider(ids: readonly ProviderId[], extra?: ProviderSettings): Provider;
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
  const single = (id: ProviderId, extra: ProviderSettings): Provider => {
    const provider = createProviderById(id, {
      baseURL: baseURLs(id),
      proxy: settings.proxy,
      timeout: settings.timeout,
      ...extra,
    });
    created.push(provider);
    return provider;
  };
  return {
    emulator,
    baseURLs,
    provider(ids, extra = {}) {
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
