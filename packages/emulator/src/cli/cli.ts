import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InvalidSettingError, TEMPLATE_IDS } from '@freechat/core';
import { createOptionChecker, numberFromText } from '@freechat/core/internal';
import type { DeploymentOptions } from '../sites/deployment-options.js';
import { isSiteId, SITE_IDS } from '../sites/site-id.js';
import { SITE_PROFILES } from '../sites/site-profile.js';
import { type Emulator, startEmulator } from '../start-emulator.js';
import { formatEmulatorBanner } from './emulator-banner.js';

/** Where `runEmulatorCommand` writes, what else may stop it, and the name and port it shows. */
export interface EmulatorCommandOptions {
  /** Receives the banner and messages. Default `process.stdout`. */
  stdout?: { write(text: string): unknown };
  /** Receives errors and the usage after a bad argument. Default `process.stderr`. */
  stderr?: { write(text: string): unknown };
  /** Stops the emulator when aborted, like SIGINT/SIGTERM. */
  signal?: AbortSignal;
  /**
   * The command's name in the usage and before each error (`freechat emulate`). Default
   * `freechat-emulator`.
   */
  name?: string;
  /** The port to listen on when `--port` is not given. Default {@link DEFAULT_CLI_PORT}. */
  defaultPort?: number;
}

/** The port the command line listens on when `--port` is not given. */
export const DEFAULT_CLI_PORT = 8787;

function usage(name: string, defaultPort: number): string {
  return `Usage: ${name} [options]

Runs a local emulator of the Free2GPT, AIChatFree, GPROChat and FreeGpt chat sites, and of any
deployments of their two templates (${TEMPLATE_IDS.join(', ')}), answering as the templates do.

Options:
  --port <n>              port to listen on, 0 for any free one (default ${defaultPort})
  --host <host>           interface to listen on (default 127.0.0.1)
  --delay <ms>            delay between reply chunks (default 0)
  --chunk-size <n>        bytes per reply chunk (default 16)
  --strict                also check a client's exact request (keys, pass, time window, form)
  --tls-key <file>        serve HTTPS (HTTP/2 and HTTP/1.1) with this PEM key (with --tls-cert)
  --tls-cert <file>       the PEM certificate for --tls-key
  --site <id>=<template>  serve a deployment of a template at /<id> (repeatable)
  --secret <id>=<secret>  a deployment's signing secret (repeatable; built-in sites too)
  --password <id>=<list>  a deployment's site password, or comma-separated list (repeatable)
  --sites <file.json>     deployments as JSON: {"<id>": {"template", "secret", "password"}}
  -h, --help              show this help
  -v, --version           show the version
`;
}

/**
 * Runs the emulator's command line: parses `argv` (without the node and script paths), starts the
 * emulator, prints the banner, and stays up until SIGINT, SIGTERM or `options.signal`, then closes
 * cleanly. A bad number reads as a bad option of `startEmulator` does (core's option checker):
 * `invalid --port: expected a whole number from 0 to 65535, got "eighty"`.
 *
 * @returns The exit code: 0 after a clean stop or `--help`/`--version`, 2 after a bad argument.
 */
export async function runEmulatorCommand(
  argv: readonly string[],
  options: EmulatorCommandOptions = {},
): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const name = options.name ?? 'freechat-emulator';
  const defaultPort = options.defaultPort ?? DEFAULT_CLI_PORT;
  let values: ReturnType<typeof parseCommandLine>;
  try {
    values = parseCommandLine(argv, defaultPort);
  } catch (error) {
    stderr.write(`${name}: ${badArgument(error)}\n\n${usage(name, defaultPort)}`);
    return 2;
  }
  if (values.help) {
    stdout.write(usage(name, defaultPort));
    return 0;
  }
  if (values.version) {
    stdout.write(`${readVersion()}\n`);
    return 0;
  }
  let emulator: Emulator<string>;
  try {
    emulator = await startEmulator({
      host: values.host,
      port: values.port,
      delayMs: values.delayMs,
      chunkSize: values.chunkSize,
      strict: values.strict,
      sites: values.sites,
      tls: values.tls,
    });
  } catch (error) {
    if (!(error instanceof TypeError || InvalidSettingError.isInstance(error))) throw error;
    stderr.write(`${name}: ${badArgument(error)}\n`);
    return 2;
  }
  stdout.write(formatEmulatorBanner(emulator, bannerOptions(values.sites)));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      options.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop);
  });
  await emulator.close();
  stdout.write('freechat emulator stopped.\n');
  return 0;
}

/** What a bad argument's line says: a checked option's summary, without the `[emulator]` owner. */
function badArgument(error: unknown): string {
  return InvalidSettingError.isInstance(error) ? error.summary : (error as Error).message;
}

function parseCommandLine(argv: readonly string[], defaultPort: number) {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      delay: { type: 'string' },
      'chunk-size': { type: 'string' },
      strict: { type: 'boolean' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      site: { type: 'string', multiple: true },
      secret: { type: 'string', multiple: true },
      password: { type: 'string', multiple: true },
      sites: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const check = createOptionChecker('emulator');
  return {
    help: values.help === true,
    version: values.version === true,
    host: check.string('--host', values.host, '127.0.0.1', { nonEmpty: true }),
    port: check.count('--port', numberFromText(values.port), defaultPort, { max: 65_535 }),
    delayMs: check.duration('--delay', numberFromText(values.delay), 0, { min: 0 }),
    chunkSize: check.size('--chunk-size', numberFromText(values['chunk-size']), 16),
    strict: values.strict === true,
    sites: parseDeployments(values),
    tls: readTlsFiles(values['tls-key'], values['tls-cert']),
  };
}

/** The key and certificate of `--tls-key` and `--tls-cert`, read; both or neither. */
function readTlsFiles(keyFile: string | undefined, certFile: string | undefined) {
  if (keyFile === undefined && certFile === undefined) return undefined;
  if (keyFile === undefined || certFile === undefined) {
    throw new TypeError('--tls-key and --tls-cert go together');
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile) };
}

/**
 * The deployments of `--sites <file.json>`, then `--site`, `--secret` and `--password` over them. Each
 * flag's value is `<id>=<value>`; only the first `=` separates (a password list may hold more).
 */
function parseDeployments(values: {
  sites?: string;
  site?: string[];
  secret?: string[];
  password?: string[];
}): Record<string, DeploymentOptions> {
  const sites: Record<string, DeploymentOptions> =
    values.sites === undefined ? {} : readDeploymentsFile(values.sites);
  const apply = (flag: string, entries: string[] | undefined, key: keyof DeploymentOptions) => {
    for (const entry of entries ?? []) {
      const split = entry.indexOf('=');
      if (split <= 0) throw new TypeError(`${flag} takes <id>=<value>, got '${entry}'.`);
      const id = entry.slice(0, split);
      sites[id] = { ...sites[id], [key]: entry.slice(split + 1) };
    }
  };
  apply('--site', values.site, 'template');
  apply('--secret', values.secret, 'secret');
  apply('--password', values.password, 'password');
  return sites;
}

function readDeploymentsFile(path: string): Record<string, DeploymentOptions> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TypeError(`--sites ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(`--sites ${path} must hold a JSON object {"<id>": {"template", …}}.`);
  }
  return parsed as Record<string, DeploymentOptions>;
}

/**
 * The banner's example asks free2gpt, or the first site without a password, signed with its secret;
 * sites with a password are marked (never printed).
 */
function bannerOptions(sites: Readonly<Record<string, DeploymentOptions>>) {
  const profile = (id: string) => ({
    ...(isSiteId(id)
      ? SITE_PROFILES[id]
      : { template: undefined, secret: '', password: undefined }),
    ...sites[id],
  });
  const ids = [...new Set([...SITE_IDS, ...Object.keys(sites)])];
  const passwordSites = ids.filter((id) => (profile(id).password ?? '') !== '');
  const exampleSite = ids.find((id) => !passwordSites.includes(id)) ?? 'free2gpt';
  const { template, secret } = profile(exampleSite);
  return { exampleSite, passwordSites, template, secret };
}

function readVersion(): string {
  const manifest = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}
