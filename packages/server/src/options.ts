import { aichatfree } from '@freechat/aichatfree';
import { DEFAULT_MAX_REPLY_BYTES, type Provider } from '@freechat/core';
import {
  checkSettings,
  createOptionChecker,
  failExpected,
  listFromText,
  objectSetting,
  type SettingSpec,
  setting,
} from '@freechat/core/internal';
import { free2gpt } from '@freechat/free2gpt';
import { freegpt } from '@freechat/freegpt';
import { gprochat } from '@freechat/gprochat';
import { createSite, SITE_SETTINGS_SCHEMA, type SiteSettings } from '@freechat/site';
import { type AllowedHosts, isHostNameEntry } from './http/host-header.js';
import { type ApiKeyEntry, type ApiKeySettings, resolveApiKeys } from './state/api-keys.js';
import { REDIS_TIMEOUT } from './state/create-state.js';
import { DEFAULT_STORED_RESPONSE_TTL } from './state/stored-responses.js';

/** Where structured log lines go when `logger` is on: anything with a `write(line)` method. */
export interface LogDestination {
  /** Receives one JSON log line (ending in a newline). */
  write(line: string): void;
}

/** Options of {@link createServer}. */
export interface ServerOptions {
  /**
   * The providers to serve, in fallback order (default, when neither `providers` nor `sites` is given:
   * the default instances of free2gpt, aichatfree, gprochat and freegpt, in that order).
   */
  providers?: readonly Provider[];
  /**
   * Self-hosted GeminiProChat or chatgpt-demo deployments to serve after `providers`, each made with
   * `createSite` from `@freechat/site` and served as `{id}/{model}`, `{id}` and each bare model name.
   * The server closes them in `close()`. A bad entry throws `InvalidRequestError` naming the field.
   */
  sites?: readonly SiteSettings[];
  /**
   * When set, every `/v1/*` request must carry `Authorization: Bearer <key>`, the key being this one
   * or, for a list, any of them (one per client, say, so that each can be revoked alone). A key given
   * as `{ key, name, requestsPerMinute, concurrentRequests, tokensPerDay }` has a name (in `/metrics`,
   * never the key) and limits, which hold across every replica sharing the state (see `redis`): over
   * one, a request gets OpenAI's 429 `rate_limit_exceeded` with `Retry-After`.
   */
  apiKey?: string | ApiKeySettings | readonly (string | ApiKeySettings)[];
  /**
   * Share the state (cooldowns and failures in a row, per-key limits, stored Responses) with every
   * replica that names the same Redis (`redis://[[user]:password@]host[:port][/db]`, or `rediss://`)
   * and key prefix. Default: in this process only. Every Redis call has `redisTimeout` ms; while Redis
   * cannot be used, the server runs on its own state (limits then hold per replica) and comes back by
   * itself. The password is never shown.
   */
  redis?: string;
  /**
   * Milliseconds every Redis call may take before this replica answers from its own state instead
   * (default 100). Raise it where Redis is far away or the machine is loaded; while it is exceeded,
   * limits hold per replica.
   */
  redisTimeout?: number;
  /** Put before every Redis key and channel, so that several gateways share one Redis (default `freechat:`). */
  redisKeyPrefix?: string;
  /**
   * Milliseconds a stored Response is kept (default 30 days). In process, at most 10 000 are kept
   * (256 MiB), the least recently used dropped first.
   */
  storedResponseTtl?: number;
  /**
   * The host names clients may address the server by, besides `localhost` and any IP address: a
   * request whose `Host` header names anything else gets a 403 `host_not_allowed` before any route
   * runs, so that a web page cannot reach the server through a name of its own pointed at this machine
   * (DNS rebinding). A name with a leading dot (`.example.com`) allows that domain and its
   * subdomains; the port is not checked. `true` turns the check off (default: none besides
   * `localhost` and IP addresses).
   */
  allowedHosts?: AllowedHosts;
  /**
   * The most client connections held open at once (default 256; `0` for no cap). A new connection
   * beyond it closes the oldest idle one — one that never sent a request first, then one kept alive
   * between requests — or, when every connection has a request in flight, is closed itself.
   */
  maxConnections?: number;
  /**
   * Cross-origin requests (off by default): `true` allows any origin, a string or a list allows
   * exactly those origins.
   */
  cors?: boolean | string | readonly string[];
  /** The largest request body accepted, in bytes (default 1 MiB); a larger one is a 413. */
  bodyLimit?: number;
  /**
   * Structured JSON logs, one line per event, each with the request id (default false). Message
   * contents and secrets are never logged unless `logContents` is set.
   */
  logger?: boolean;
  /** Also log the conversation and the reply text (default false). */
  logContents?: boolean;
  /** Where log lines go (default standard output). */
  logDestination?: LogDestination;
  /**
   * Milliseconds that open completions may still run after `close()` (or SIGTERM) before they are
   * cut off (default 10 000).
   */
  shutdownGracePeriod?: number;
  /**
   * Milliseconds a streaming client may take no data (its socket full) before it is dropped and the
   * upstream request closed (default 60 000).
   */
  writeTimeout?: number;
  /**
   * The longest reply, in UTF-8 bytes, that a non-streaming request may collect (default 16 MiB):
   * past it the upstream request is closed and the client gets a 502 `reply_too_large`. Streaming
   * replies are sent as they come and are not bounded.
   */
  maxReplyBytes?: number;
  /**
   * Milliseconds a client may take to send a whole request, headers and body (default 30 000): past
   * it the client gets a 408 and its connection is closed. `0` turns the bound off. The headers alone
   * must arrive within 10 s (or this bound, if shorter) either way.
   */
  requestTimeout?: number;
  /**
   * Leave out what a request asks for but no provider can give — tools of another type than
   * `function` (hosted tools such as `web_search`, `custom` tools), a `tool_choice` of another kind, a
   * forced `response_format` — instead of refusing it with a 400 (default false). Each parameter left
   * out is named in the `x-freechat-dropped-params` response header and in a `parameters dropped` log
   * line.
   */
  dropParams?: boolean;
  /**
   * Serve the web chat page (`@freechat/web`) at `/` (default false; `freechat serve` turns it on). The
   * page and its assets are answered without the API key; the page asks for the key itself.
   */
  ui?: boolean;
  /**
   * Milliseconds a provider is skipped by the fallback chains of bare model ids after a 429 or a spent
   * quota that gave no `Retry-After`, and after `cooldownAfterFailures` failures in a row (default
   * 60 000). A `Retry-After` sets the time itself (at most an hour). `0` turns cooldowns off.
   */
  cooldownTime?: number;
  /** Failures in a row that cool a provider down (default 3); `0` turns this rule off. */
  cooldownAfterFailures?: number;
  /** Serve Prometheus metrics at `GET /metrics` (default true). */
  metrics?: boolean;
  /**
   * Answer `GET /metrics` without the API key, for scrapers (default false: with `apiKey` set, a
   * scraper sends it as a bearer token).
   */
  publicMetrics?: boolean;
  /** The time, in milliseconds since the epoch (default `Date.now`); tests pass a fake clock. */
  clock?: () => number;
}

/** ServerOptions with every default filled in. */
export interface ResolvedServerOptions {
  providers: readonly Provider[];
  apiKeys: readonly ApiKeyEntry[] | undefined;
  redis: string | undefined;
  redisKeyPrefix: string;
  redisTimeout: number;
  storedResponseTtl: number;
  allowedHosts: AllowedHosts;
  maxConnections: number;
  cors: boolean | string | readonly string[];
  bodyLimit: number;
  logger: boolean;
  logContents: boolean;
  logDestination: LogDestination | undefined;
  shutdownGracePeriod: number;
  writeTimeout: number;
  maxReplyBytes: number;
  requestTimeout: number;
  dropParams: boolean;
  ui: boolean;
  cooldownTime: number;
  cooldownAfterFailures: number;
  metrics: boolean;
  publicMetrics: boolean;
  clock: () => number;
}

/** The default request body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * The default cap on client connections: 256. With every default provider's connection pool full
 * (4 × 128 sockets), 256 client sockets and the runtime's own still fit in the 1024 open files that
 * `ulimit -n 1024` allows; and as each connection carries one request at a time, it is also 256
 * replies at once, more than the free sites serve one client.
 */
export const DEFAULT_MAX_CONNECTIONS = 256;

/** The default time a streaming client may take no data: 60 s. */
export const DEFAULT_WRITE_TIMEOUT = 60_000;

/** The default time to receive a whole request: 30 s. */
export const DEFAULT_REQUEST_TIMEOUT = 30_000;

/** The default cooldown of a rate-limited or failing provider: 60 s. */
export const DEFAULT_COOLDOWN_TIME = 60_000;

/** The default number of failures in a row that cool a provider down: 3. */
export const DEFAULT_COOLDOWN_AFTER_FAILURES = 3;

/** The default prefix of the Redis keys: `freechat:`. */
export const DEFAULT_REDIS_KEY_PREFIX = 'freechat:';

/** The longest time a stored Response may be kept: a year. */
const MAX_STORED_RESPONSE_TTL = 365 * 24 * 60 * 60 * 1000;

/** The longest `redisTimeout`: a minute, past which a replica would hang on a Redis that is gone. */
const MAX_REDIS_TIMEOUT = 60_000;

/** The default grace period of `close()`: 10 s. */
export const DEFAULT_SHUTDOWN_GRACE_PERIOD = 10_000;

/** A list of host names: each lowercased, without scheme, port or path. */
const HOST_NAMES_EXPECTED = 'true or a list of host names';

/** `true`, or host names (lowercased); from text, a comma list in which `all` stands for `true`. */
const allowedHostsSetting = setting.custom<AllowedHosts>(
  HOST_NAMES_EXPECTED,
  (value, field, fail) => {
    if (value === true) return true;
    if (!Array.isArray(value)) return failExpected(fail, field, HOST_NAMES_EXPECTED, value);
    return value.map((entry: unknown, index) => {
      const where = `${field}[${index}]`;
      const name = typeof entry === 'string' ? entry.toLowerCase() : '';
      if (!isHostNameEntry(name)) {
        failExpected(
          fail,
          where,
          'a host name without scheme, port or path (chat.example.com, .example.com)',
          entry,
        );
      }
      return name;
    });
  },
  (text) => {
    const names = listFromText(text);
    return names.some((name) => name.toLowerCase() === 'all') ? true : names;
  },
);

/** A non-empty list of origins. */
const ORIGINS = setting.list(setting.string({ nonEmpty: true }), { nonEmpty: true });

/** `true` (any origin), `false`, or the origins allowed; from text, a comma list of origins. */
const corsSetting = setting.custom<boolean | string | readonly string[]>(
  'true, false or a list of origins',
  (value, field, fail) => {
    if (typeof value === 'boolean' || typeof value === 'string') return value;
    if (!Array.isArray(value)) {
      return failExpected(fail, field, 'true, false or a list of origins', value);
    }
    return ORIGINS.check(value, field, fail);
  },
  listFromText,
);

/** A key, a key with its name and limits, or a list of either; a key is never shown. */
const apiKeySetting = setting.custom<NonNullable<ServerOptions['apiKey']>>(
  'a key, an object with "key", or a non-empty list of them',
  (value) => {
    // The entries' own checks name their fields under `apiKey`, its one place in every schema.
    resolveApiKeys(createOptionChecker('server'), value as ServerOptions['apiKey']);
    return value as NonNullable<ServerOptions['apiKey']>;
  },
);

/** A spec for each of {@link ServerOptions}. */
export type ServerOptionsSchema = {
  readonly [K in keyof Required<ServerOptions>]: SettingSpec<NonNullable<ServerOptions[K]>>;
};

/**
 * The one schema of {@link ServerOptions}: what `createServer` checks its options with, and what
 * `freechat serve` reads its flags, environment and config file with, under the same names.
 */
export const SERVER_OPTIONS_SCHEMA: ServerOptionsSchema = {
  providers: setting.list(
    setting.custom<Provider>('a provider', (value, field, fail) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as Provider).stream === 'function'
        ? (value as Provider)
        : failExpected(fail, field, 'a provider', value),
    ),
  ),
  sites: setting.list(objectSetting(SITE_SETTINGS_SCHEMA)),
  apiKey: apiKeySetting,
  redis: setting.url({ schemes: ['redis:', 'rediss:'], credentials: true }),
  redisKeyPrefix: setting.string({ nonEmpty: true, noControl: true }),
  redisTimeout: setting.duration({ max: MAX_REDIS_TIMEOUT }),
  storedResponseTtl: setting.duration({ max: MAX_STORED_RESPONSE_TTL }),
  allowedHosts: allowedHostsSetting,
  maxConnections: setting.count({ max: Number.MAX_SAFE_INTEGER }),
  cors: corsSetting,
  bodyLimit: setting.size(),
  logger: setting.boolean(),
  logContents: setting.boolean(),
  logDestination: setting.custom<LogDestination>(
    'an object with a write(line) method',
    (value, field, fail) =>
      typeof (value as Partial<LogDestination> | null)?.write === 'function'
        ? (value as LogDestination)
        : failExpected(fail, field, 'an object with a write(line) method', value),
  ),
  shutdownGracePeriod: setting.duration({ min: 0 }),
  writeTimeout: setting.duration(),
  maxReplyBytes: setting.size(),
  requestTimeout: setting.duration({ min: 0 }),
  dropParams: setting.boolean(),
  ui: setting.boolean(),
  cooldownTime: setting.duration({ min: 0 }),
  cooldownAfterFailures: setting.count({ max: Number.MAX_SAFE_INTEGER }),
  metrics: setting.boolean(),
  publicMetrics: setting.boolean(),
  clock: setting.func<() => number>(),
};

/**
 * Checks the options by {@link SERVER_OPTIONS_SCHEMA}, creates the sites and fills in the defaults.
 *
 * @throws InvalidSettingError (owner `server`) naming the first bad option in its `field`.
 */
export function resolveServerOptions(options: ServerOptions = {}): ResolvedServerOptions {
  const check = createOptionChecker('server');
  const given = checkSettings(SERVER_OPTIONS_SCHEMA, options, '', check.fail);
  const sites = options.sites ?? [];
  const providers = [
    ...(given.providers ??
      (options.sites === undefined ? [free2gpt, aichatfree, gprochat, freegpt] : [])),
    ...sites.map((site: SiteSettings) => createSite(site)),
  ];
  if (providers.length === 0) {
    check.fail('providers', 'expected at least one provider or site, got none');
  }
  const ids = new Set<string>();
  for (const provider of providers) {
    if (ids.has(provider.id)) {
      check.fail('providers', `expected distinct ids, got "${provider.id}" twice`);
    }
    ids.add(provider.id);
  }
  return {
    providers,
    apiKeys: resolveApiKeys(check, options.apiKey),
    redis: given.redis,
    redisKeyPrefix: given.redisKeyPrefix ?? DEFAULT_REDIS_KEY_PREFIX,
    redisTimeout: given.redisTimeout ?? REDIS_TIMEOUT,
    storedResponseTtl: given.storedResponseTtl ?? DEFAULT_STORED_RESPONSE_TTL,
    allowedHosts: given.allowedHosts ?? [],
    maxConnections: given.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    cors: given.cors ?? false,
    bodyLimit: given.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logger: given.logger ?? false,
    logContents: given.logContents ?? false,
    logDestination: given.logDestination,
    shutdownGracePeriod: given.shutdownGracePeriod ?? DEFAULT_SHUTDOWN_GRACE_PERIOD,
    writeTimeout: given.writeTimeout ?? DEFAULT_WRITE_TIMEOUT,
    maxReplyBytes: given.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES,
    requestTimeout: given.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT,
    dropParams: given.dropParams ?? false,
    ui: given.ui ?? false,
    cooldownTime: given.cooldownTime ?? DEFAULT_COOLDOWN_TIME,
    cooldownAfterFailures: given.cooldownAfterFailures ?? DEFAULT_COOLDOWN_AFTER_FAILURES,
    metrics: given.metrics ?? true,
    publicMetrics: given.publicMetrics ?? false,
    clock: given.clock ?? Date.now,
  };
}
