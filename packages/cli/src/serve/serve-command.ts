import { type Command, Option } from 'commander';
import { type CommandContext, runAction } from '../commands/command-context.js';
import { UsageError } from '../commands/usage-error.js';
import {
  readCommandLine,
  refuseRenamedFlags,
  type SchemaInputs,
} from '../connection/command-line-settings.js';
import {
  addConnectionOptions,
  type ConnectionFlags,
  openConnection,
  readConnectionSettings,
} from '../connection/connection.js';
import { nonBlank } from '../connection/option-values.js';
import { PROVIDER_IDS, parseProviderIds, splitList } from '../connection/provider-registry.js';
import { layerSettings } from '../connection/setting-layers.js';
import { colorsFor } from '../terminal/colors.js';
import type { CliIO, CliSignal } from '../terminal/io.js';
import { isReachableFromOutside, reachableURLs } from './serve-addresses.js';
import { apiKeySource, readServeApiKey } from './serve-api-key.js';
import { serveBanner } from './serve-banner.js';
import {
  fileProviderSettings,
  fileSites,
  SERVE_CONFIG_SCHEMA,
  type ServeConfig,
} from './serve-config.js';
import { readServeConfig } from './serve-config-file.js';
import { describeState, refuseRedisCredentials } from './serve-redis.js';

/** The port `freechat serve` listens on when `--port` is not given. */
export const DEFAULT_SERVE_PORT = 8787;

/** The options of `freechat serve`, as commander collects them. */
export interface ServeFlags extends ConnectionFlags {
  /** `--port`. */
  port?: string;
  /** `--host`. */
  host?: string;
  /** `--api-key`: refused (a key on the command line shows in `ps`), with a message saying so. */
  apiKey?: string;
  /** `--api-key-file`: a file holding the bearer token clients must send. */
  apiKeyFile?: string;
  /** `--providers`: a comma list, in fallback order. */
  providers?: string;
  /** `--log`: the server's structured JSON logs (its `logger`), on stderr. */
  log?: boolean;
  /** `--log-contents`: the logs, with the conversations and replies too. */
  logContents?: boolean;
  /** `--site-id`: the `--site` deployment's id, its model prefix (default `site`). */
  siteId?: string;
  /** `--site-models`: a comma list of the deployment's model names (default `default`). */
  siteModels?: string;
  /** `--drop-params`: leave out tools other than functions and a forced response_format instead of refusing them. */
  dropParams?: boolean;
  /** `--ui` true, `--no-ui` false: whether to serve the web chat page at `/`. */
  ui?: boolean;
  /** `--config`: a JSON or YAML file of settings, under the flags. */
  config?: string;
  /** `--cors`: `true` alone (any origin), or a comma list of origins. */
  cors?: string | boolean;
  /** `--cooldown-time`: milliseconds a rate-limited or failing provider is skipped. */
  cooldownTime?: string;
  /** `--cooldown-after-failures`: failures in a row that cool a provider down. */
  cooldownAfterFailures?: string;
  /** `--metrics` true, `--no-metrics` false: whether to serve `GET /metrics`. */
  metrics?: boolean;
  /** `--public-metrics`: answer `GET /metrics` without the API key. */
  publicMetrics?: boolean;
  /** `--allowed-host`, each given: host names (comma lists) clients may address the server by, or `all`. */
  allowedHost?: string[];
  /** `--max-connections`: the most client connections held open at once. */
  maxConnections?: string;
  /** `--redis`: share the state with other replicas through this Redis (no password here). */
  redis?: string;
  /** `--redis-timeout`: milliseconds each Redis call may take before the replica uses its own state. */
  redisTimeout?: string;
  /** `--body-limit`: the largest request body in bytes. */
  bodyLimit?: string;
}

/** Defines `freechat serve` on `command`. */
export function configureServeCommand(command: Command, context: CommandContext): void {
  command
    .description(
      "Serve the providers as an OpenAI-compatible API (/v1/chat/completions, /v1/responses, /v1/models), Anthropic's /v1/messages, with /v1/providers, /healthz, /metrics and the chat page at /",
    )
    .option('--port <n>', `port to listen on, 0 for any free one (default ${DEFAULT_SERVE_PORT})`)
    .option(
      '--host <host>',
      'interface to listen on (default 127.0.0.1: no other machine connects)',
    )
    .option(
      '--allowed-host <names>',
      'a host name clients may address the server by, besides localhost and IP addresses (a comma list; repeatable; .example.com for a domain and its subdomains; all: any); other Host headers get a 403, which stops DNS rebinding',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--body-limit <bytes>',
      'the largest request body in bytes; a larger one is a 413 (default 1048576; agents that resend long conversations want more)',
    )
    .option(
      '--max-connections <n>',
      'the most client connections held open at once; at the cap a new one closes the oldest idle one (default 256; 0: no cap)',
    )
    .option(
      '--api-key-file <path>',
      'require "Authorization: Bearer <key>", the key read from this file (default: env FREECHAT_API_KEY; never on the command line, where ps shows it)',
    )
    .addOption(new Option('--api-key <key>').hideHelp())
    .option(
      '--providers <ids>',
      `providers to serve, in fallback order (default ${PROVIDER_IDS.join(',')})`,
    )
    .option('--log', 'write a JSON log line per request and event to stderr (no message contents)')
    .option('--log-contents', 'like --log, with the conversations and replies (private data!)')
    .option('--site-id <id>', "the --site deployment's id, served as <id>/<model> (default site)")
    .option(
      '--site-models <names>',
      "the --site deployment's model names, a comma list (default default)",
    )
    .option(
      '--drop-params',
      'leave out tools other than functions (web_search, …) and a forced response_format instead of refusing them with a 400 (named in the x-freechat-dropped-params header)',
    )
    .addOption(new Option('--ui', 'serve the web chat page at / (the default)').hideHelp())
    .option('--no-ui', 'do not serve the web chat page at /')
    .option(
      '--cors [origins]',
      'allow cross-origin requests from these origins (a comma list), or from any origin when none is given',
    )
    .option(
      '--cooldown-time <ms>',
      'milliseconds a provider that answered 429, spent its quota or kept failing is skipped by fallback chains (default 60000; 0: never)',
    )
    .option(
      '--cooldown-after-failures <n>',
      'failures in a row that cool a provider down (default 3; 0: never)',
    )
    .addOption(new Option('--metrics', 'serve GET /metrics (the default)').hideHelp())
    .addOption(new Option('--cooldown <ms>').hideHelp())
    .addOption(new Option('--cooldown-after <n>').hideHelp())
    .option('--no-metrics', 'do not serve Prometheus metrics at GET /metrics')
    .option('--public-metrics', 'answer GET /metrics without the API key, for scrapers')
    .option(
      '--redis <url>',
      'share cooldowns, key limits and stored responses with other replicas through this Redis (default: env FREECHAT_REDIS_URL; a password goes there or in --config, never here: ps shows it)',
    )
    .option(
      '--redis-timeout <ms>',
      'milliseconds each Redis call may take before this replica answers from its own state (default 100)',
    )
    .option(
      '--config <file>',
      'a JSON or YAML file of settings (providers, sites, API keys, CORS, …); flags win over it',
    );
  addConnectionOptions(
    command,
    'milliseconds until each upstream reply starts, per attempt (default 60000; see --max-retries)',
    'a self-hosted GeminiProChat or chatgpt-demo deployment to serve, alone unless --providers names built-in ones too',
  );
  command.action((flags: ServeFlags) => runAction(context, () => runServe(flags, context.io)));
}

/**
 * Where `freechat serve` reads each of its settings besides the config file: the flag and the
 * environment variable, by the setting's one name in the file and in `createServer`'s options.
 */
const SERVE_INPUTS: SchemaInputs<typeof SERVE_CONFIG_SCHEMA> = {
  port: { flag: '--port', env: 'FREECHAT_PORT' },
  host: { flag: '--host', env: 'FREECHAT_HOST' },
  allowedHosts: { flag: '--allowed-host' },
  maxConnections: { flag: '--max-connections' },
  bodyLimit: { flag: '--body-limit' },
  apiKey: { env: 'FREECHAT_API_KEY' },
  redis: { flag: '--redis', env: 'FREECHAT_REDIS_URL' },
  redisTimeout: { flag: '--redis-timeout' },
  cors: { flag: '--cors' },
  logger: { flag: '--log' },
  logContents: { flag: '--log-contents' },
  dropParams: { flag: '--drop-params' },
  ui: { flag: '--ui' },
  cooldownTime: { flag: '--cooldown-time' },
  cooldownAfterFailures: { flag: '--cooldown-after-failures' },
  metrics: { flag: '--metrics' },
  publicMetrics: { flag: '--public-metrics' },
};

/** What `freechat serve` does when no source says otherwise (where createServer's default differs). */
const SERVE_DEFAULTS: Partial<ServeConfig> = {
  port: DEFAULT_SERVE_PORT,
  host: '127.0.0.1',
  ui: true,
};

/**
 * Starts the OpenAI-compatible server, prints its URL with a curl and an `openai` example, and runs
 * until SIGINT or SIGTERM (with `--log`, the server's JSON log lines go to stderr), then closes gracefully (open replies may finish). A second signal while
 * closing stops the process at once.
 *
 * @returns 0 after a graceful stop, 1 when the server could not listen.
 */
export async function runServe(flags: ServeFlags, io: CliIO): Promise<number> {
  // The file is read and checked first, so that a bad one stops everything before it starts.
  const config = flags.config === undefined ? {} : await readServeConfig(flags.config);
  const withSite = nonBlank(flags.site) !== undefined;
  if (!withSite && (flags.siteId !== undefined || flags.siteModels !== undefined)) {
    throw new UsageError('--site-id and --site-models go with --site <url>');
  }
  // A deployment is served alone unless --providers (or the file's providers) adds built-in ones.
  const ids =
    flags.providers !== undefined
      ? parseProviderIds(flags.providers)
      : config.providers !== undefined
        ? config.providers.map((provider) => provider.id)
        : withSite || config.sites !== undefined
          ? []
          : [...PROVIDER_IDS];
  const settings = readConnectionSettings(flags, ids, io);
  const serve = readServeSettings(flags, io, config);
  const connection = await openConnection(settings, io.env, {
    providerSettings: fileProviderSettings(config),
  });
  let unsubscribe = () => {};
  const stopped = new Promise<CliSignal>((resolve) => {
    unsubscribe = io.onSignal((signal) => {
      unsubscribe();
      resolve(signal);
    });
  });
  try {
    const site = connection.site({
      id: nonBlank(flags.siteId) ?? 'site',
      models: splitList([flags.siteModels ?? 'default']),
    });
    const providers = [...ids.map((id) => connection.builtIn(id)), ...(site ? [site] : [])];
    const sites = fileSites(config).map((entry) => connection.settings(entry));
    const { port, host, ...serverOptions } = serve;
    // Imported only here, so that the other commands do not load Fastify.
    const { createServer } = await import('@freechat/server');
    const server = createServer({
      ...serverOptions,
      providers,
      sites,
      logDestination: io.stderr,
    });
    let url: string;
    try {
      url = await server.listen({ port, host });
    } catch (error) {
      await server.close();
      const code = (error as { code?: unknown }).code;
      const reason =
        code === 'EADDRINUSE'
          ? `port ${port} on ${host} is in use; choose another with --port (0 picks a free one)`
          : `cannot listen on ${host}:${port}: ${(error as Error).message}`;
      io.stderr.write(`${colorsFor(io.stderr, io.env).red('freechat:')} ${reason}\n`);
      return 1;
    }
    io.stdout.write(
      serveBanner({
        url,
        providers: [...providers, ...sites].map((provider) => provider.id ?? 'site'),
        emulated: connection.emulator !== undefined,
        apiKey: serve.apiKey === undefined ? undefined : apiKeySource(flags, io.env, config),
        reachable: reachableURLs(host, Number(new URL(url).port)),
        exposed: isReachableFromOutside(host),
        ui: serve.ui === true,
        state: describeState(serve.redis, serve.redisKeyPrefix),
        colors: colorsFor(io.stdout, io.env),
      }),
    );
    const signal = await stopped;
    io.stderr.write(
      `${signal}: closing; open replies may finish (Ctrl-C again to stop at once)…\n`,
    );
    await server.close();
    io.stderr.write('freechat server stopped.\n');
    return 0;
  } finally {
    unsubscribe();
    await connection.close();
  }
}

/**
 * The server's settings and where to listen: each from its flag, else its environment variable,
 * else the config file, else `freechat serve`'s default (8787 on 127.0.0.1, the web page on), else
 * `createServer`'s (by {@link layerSettings}). The API key's flag is `--api-key-file`; `--log-contents`
 * turns the log on unless a source turns it off.
 *
 * @throws InvalidSettingError (owner `freechat`) naming the flag or variable of a bad value;
 * UsageError for `--api-key`, a `--redis` URL with a password, or an unreadable key file.
 */
export function readServeSettings(
  flags: ServeFlags,
  io: Pick<CliIO, 'env' | 'stderr'>,
  config: ServeConfig,
): ServeConfig & { port: number; host: string } {
  refuseRenamedFlags(flags, {
    '--cooldown': '--cooldown-time',
    '--cooldown-after': '--cooldown-after-failures',
  });
  refuseRedisCredentials(flags.redis);
  const { flag, environment } = readCommandLine(SERVE_CONFIG_SCHEMA, SERVE_INPUTS, flags, io.env);
  const apiKey = readServeApiKey(flags, io);
  const settings = layerSettings<ServeConfig>({
    flag: apiKey === undefined ? flag : { ...flag, apiKey },
    environment,
    file: config,
    default: SERVE_DEFAULTS,
  });
  return {
    ...settings,
    logger: settings.logger ?? settings.logContents,
    port: settings.port!,
    host: settings.host!,
  };
}
