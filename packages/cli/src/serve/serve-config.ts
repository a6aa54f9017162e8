import { InvalidRequestError, TEMPLATE_IDS, type TemplateId } from '@freechat/core';
import { createOptionChecker, describeValue, type NumberRange } from '@freechat/core/internal';
import type { ApiKeySettings } from '@freechat/server';
import { UsageError } from '../commands/usage-error.js';
import { CLI_OWNER } from '../connection/option-values.js';
import { PROVIDER_IDS, type ProviderId } from '../connection/provider-registry.js';

/** One built-in provider of a config file's `providers` list, with its own settings. */
export interface ConfigProvider {
  /** Which provider: `free2gpt`, `aichatfree`, `gprochat` or `freegpt`. */
  id: ProviderId;
  /** Its API base URL, or mirrors, replacing its own. */
  baseURL?: readonly string[];
  /** A proxy for its requests: `http://`, `https://` or `socks5://`. */
  proxy?: string;
  /** Milliseconds until its reply starts. */
  timeout?: number;
  /** Milliseconds of silence allowed between two chunks of its reply. */
  idleTimeout?: number;
  /** Retries after a retryable failure, before any text. */
  retries?: number;
  /** The signing secret, replacing the site's. */
  secret?: string;
  /** The site password. */
  password?: string;
}

/** One self-hosted deployment of a config file's `sites` list (the server's `sites` option). */
export interface ConfigSite {
  /** Its model prefix (default `site`). */
  id?: string;
  /** Its address, or several copies of it. */
  baseURL: readonly string[];
  /** The template it runs. */
  template: TemplateId;
  /** Its model names (default `['default']`). */
  models?: readonly string[];
  /** Its display name. */
  label?: string;
  /** Its `PUBLIC_SECRET_KEY`. */
  secret?: string;
  /** Its site password. */
  password?: string;
  /** A proxy for its requests. */
  proxy?: string;
  /** Milliseconds until its reply starts. */
  timeout?: number;
  /** Milliseconds of silence allowed between two chunks of its reply. */
  idleTimeout?: number;
  /** Retries after a retryable failure, before any text. */
  retries?: number;
}

/** A checked `freechat serve --config` file; every field is optional. */
export interface ServeConfig {
  /** The interface to listen on. */
  host?: string;
  /** The port to listen on, 0 for any free one. */
  port?: number;
  /**
   * The keys clients may send as `Authorization: Bearer <key>`, any of them; each a key, or an object
   * `{ key, name, requestsPerMinute, concurrentRequests, tokensPerDay }` with a name and limits.
   */
  apiKeys?: readonly (string | ApiKeySettings)[];
  /** The Redis that replicas share their state through (`redis://…`). */
  redis?: string;
  /** Put before every Redis key, so that several gateways share one Redis. */
  redisKeyPrefix?: string;
  /** Milliseconds a stored Response is kept. */
  storedResponseTtl?: number;
  /**
   * The host names clients may address the server by besides `localhost` and IP addresses (the
   * server's `allowedHosts`), or `true` for any (`all` in the list means the same).
   */
  allowedHosts?: true | readonly string[];
  /** The most client connections held open at once, 0 for no cap. */
  maxConnections?: number;
  /** Cross-origin requests: `true` for any origin, or the allowed origins. */
  cors?: boolean | readonly string[];
  /** `true` for the JSON logs, `contents` for the logs with the conversations too. */
  log?: boolean | 'contents';
  /** Ignore tools, functions and a forced response_format instead of refusing them. */
  dropParams?: boolean;
  /** The longest non-streaming reply, in UTF-8 bytes. */
  maxReplyBytes?: number;
  /** Milliseconds a whole request may take, 0 for no limit. */
  requestTimeout?: number;
  /** Whether to serve the web chat page at `/`. */
  ui?: boolean;
  /** Milliseconds a rate-limited or failing provider is skipped, 0 for no cooldowns. */
  cooldownTime?: number;
  /** Failures in a row that cool a provider down, 0 to turn this rule off. */
  cooldownAfterFailures?: number;
  /** Whether to serve Prometheus metrics at `GET /metrics`. */
  metrics?: boolean;
  /** Whether `GET /metrics` is answered without the API key. */
  publicMetrics?: boolean;
  /** A proxy for every provider without its own. */
  proxy?: string;
  /** Milliseconds until a reply starts, for every provider without its own. */
  timeout?: number;
  /** Retries, for every provider without its own. */
  retries?: number;
  /** The built-in providers served, in fallback order. */
  providers?: readonly ConfigProvider[];
  /** Self-hosted deployments served after the providers. */
  sites?: readonly ConfigSite[];
}

/**
 * A config file's value that is not what the field takes. The message names the file and the field in
 * the option checker's wording (`serve.yaml: invalid providers[1].timeout: expected …, got …`).
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

/** The largest `maxConnections` a file or `--max-connections` may set. */
export const MAX_CONNECTIONS_LIMIT = 1_000_000;

/** The checker of the file's numbers, booleans and choices: the wording of every other setting. */
const check = createOptionChecker(CLI_OWNER);

/** Fields whose values are never shown in an error, only their type. */
const SECRET_FIELDS = new Set(['apiKeys', 'key', 'secret', 'password', 'redis']);

/** The most a key's limit may be set to in the file. */
const MAX_KEY_LIMIT = Number.MAX_SAFE_INTEGER;

/** Reads fields of one object of the file, each checked, and refuses fields it does not know. */
class FieldReader {
  readonly #seen = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly path: string,
    private readonly object: Record<string, unknown>,
  ) {}

  static of(file: string, path: string, value: unknown): FieldReader {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigError(file, path, `expected an object, got ${describeValue(value)}`);
    }
    return new FieldReader(file, path, value as Record<string, unknown>);
  }

  field(name: string): string {
    return this.path === '' ? name : `${this.path}.${name}`;
  }

  fail(name: string, reason: string): never {
    throw new ConfigError(this.file, this.field(name), reason);
  }

  raw(name: string): unknown {
    this.#seen.add(name);
    return Object.hasOwn(this.object, name) ? this.object[name] : undefined;
  }

  /** Runs one of the option checker's checks on the field, its error as this file's. */
  checked<T>(name: string, run: (field: string, value: unknown) => T): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      return run(this.field(name), value);
    } catch (error) {
      if (!InvalidRequestError.isInstance(error)) throw error;
      throw new ConfigError(this.file, error.field, error.detail);
    }
  }

  string(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(name, `expected a non-empty string, got ${describeField(name, value)}`);
    }
    return value.trim();
  }

  boolean(name: string): boolean | undefined {
    return this.checked(name, (field, value) => check.boolean(field, value, false));
  }

  /** A whole number from 0 to `max`. */
  count(name: string, max: number): number | undefined {
    return this.checked(name, (field, value) => check.count(field, value, 0, { max }));
  }

  /** A whole number of milliseconds, by default from 1. */
  milliseconds(name: string, range?: NumberRange): number | undefined {
    return this.checked(name, (field, value) => check.duration(field, value, 0, range));
  }

  /** A whole number of bytes, from 1. */
  bytes(name: string): number | undefined {
    return this.checked(name, (field, value) => check.size(field, value, 0));
  }

  /** One of `choices`; required. */
  oneOf<T extends string>(name: string, choices: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) {
      this.fail(
        name,
        `expected one of ${choices.map((choice) => `"${choice}"`).join(', ')}, got nothing`,
      );
    }
    return this.checked(name, (field) => check.oneOf(field, value, choices, choices[0]!))!;
  }

  /** A string or a list of strings, as a list. */
  strings(name: string): string[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) this.fail(name, 'expected a non-empty list');
    return list.map((item, index) => {
      if (typeof item !== 'string' || item.trim() === '') {
        const where = Array.isArray(value) ? `${this.field(name)}[${index}]` : this.field(name);
        throw new ConfigError(
          this.file,
          where,
          `expected a non-empty string, got ${describeField(name, item)}`,
        );
      }
      return item.trim();
    });
  }

  /** The items of a list field, each with its path. */
  list(name: string): { path: string; value: unknown }[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) this.fail(name, `expected a list, got ${describeValue(value)}`);
    return value.map((item, index) => ({ path: `${this.field(name)}[${index}]`, value: item }));
  }

  /** Throws for the first field that was never read: a typo, or a setting that does not exist. */
  done(): void {
    for (const name of Object.keys(this.object)) {
      if (!this.#seen.has(name)) this.fail(name, 'not a known setting');
    }
  }
}

/**
 * Checks a parsed config file (JSON or YAML) and returns its settings.
 *
 * @throws ConfigError naming the file and the first bad field (`providers[1].timeout`), before anything
 * starts.
 */
export function checkServeConfig(file: string, value: unknown): ServeConfig {
  const root: FieldReader = FieldReader.of(file, '', value ?? {});
  const config: ServeConfig = {
    host: root.string('host'),
    port: root.count('port', 65_535),
    allowedHosts: readAllowedHosts(root),
    maxConnections: root.count('maxConnections', MAX_CONNECTIONS_LIMIT),
    apiKeys: readApiKeys(file, root),
    redis: root.string('redis'),
    redisKeyPrefix: root.string('redisKeyPrefix'),
    storedResponseTtl: root.milliseconds('storedResponseTtl', { max: 365 * 24 * 60 * 60 * 1000 }),
    cors: readCors(root),
    log: readLog(root),
    dropParams: root.boolean('dropParams'),
    maxReplyBytes: root.bytes('maxReplyBytes'),
    requestTimeout: root.milliseconds('requestTimeout', { min: 0 }),
    ui: root.boolean('ui'),
    cooldownTime: root.milliseconds('cooldownTime', { min: 0 }),
    cooldownAfterFailures: root.count('cooldownAfterFailures', 1000),
    metrics: root.boolean('metrics'),
    publicMetrics: root.boolean('publicMetrics'),
    proxy: root.string('proxy'),
    timeout: root.milliseconds('timeout'),
    retries: root.count('retries', 10),
    providers: root.list('providers')?.map(({ path, value }) => readProvider(file, path, value)),
    sites: root.list('sites')?.map(({ path, value }) => readSite(file, path, value)),
  };
  root.done();
  const ids = config.providers?.map((provider) => provider.id) ?? [];
  const repeated = ids.findIndex((id, index) => ids.indexOf(id) !== index);
  if (repeated !== -1) {
    throw new ConfigError(
      file,
      `providers[${repeated}].id`,
      `"${ids[repeated]}" is already listed`,
    );
  }
  if (config.providers?.length === 0 && (config.sites ?? []).length === 0) {
    throw new ConfigError(file, 'providers', 'an empty list, and no sites: nothing to serve');
  }
  return withoutUndefined(config);
}

/**
 * `allowedHosts`: `true`, or a host name or a list of them, lowercased; `all` among them stands for
 * `true` (as `--allowed-host all` does). The server checks each name.
 */
function readAllowedHosts(root: FieldReader): true | string[] | undefined {
  const value = root.raw('allowedHosts');
  if (value === undefined || value === true) return value;
  if (value === false) return root.fail('allowedHosts', 'expected true or host names, got false');
  return allowedHosts(root.strings('allowedHosts')!);
}

/** Host names as `allowedHosts` takes them, lowercased, or `true` when `all` is among them. */
export function allowedHosts(names: readonly string[]): true | string[] {
  const lowercase = names.map((name) => name.toLowerCase());
  return lowercase.includes('all') ? true : lowercase;
}

/** `apiKeys`: keys, or objects of a key, its name and its limits (each a whole number from 1). */
function readApiKeys(file: string, root: FieldReader): (string | ApiKeySettings)[] | undefined {
  const value = root.raw('apiKeys');
  const isObject = (item: unknown) => typeof item === 'object' && item !== null;
  if (!Array.isArray(value) || !value.some(isObject)) return root.strings('apiKeys');
  return root.list('apiKeys')!.map(({ path, value: item }) => {
    if (!isObject(item)) {
      if (typeof item === 'string' && item.trim() !== '') return item.trim();
      throw new ConfigError(
        file,
        path,
        `expected a key or an object, got ${describeField('key', item)}`,
      );
    }
    const reader: FieldReader = FieldReader.of(file, path, item);
    const key = reader.string('key');
    if (key === undefined) reader.fail('key', 'expected the key, got nothing');
    const limit = (name: string) =>
      reader.checked(name, (field, limit) =>
        check.count(field, limit, 1, { min: 1, max: MAX_KEY_LIMIT }),
      );
    const entry: ApiKeySettings = {
      key,
      name: reader.string('name'),
      requestsPerMinute: limit('requestsPerMinute'),
      concurrentRequests: limit('concurrentRequests'),
      tokensPerDay: limit('tokensPerDay'),
    };
    reader.done();
    return withoutUndefined(entry);
  });
}

function readCors(root: FieldReader): boolean | string[] | undefined {
  const value = root.raw('cors');
  if (value === undefined || typeof value === 'boolean') return value;
  return root.strings('cors');
}

function readLog(root: FieldReader): boolean | 'contents' | undefined {
  const value = root.raw('log');
  if (value === undefined || typeof value === 'boolean' || value === 'contents') return value;
  return root.fail('log', `expected true, false or "contents", got ${describeValue(value)}`);
}

function readProvider(file: string, path: string, value: unknown): ConfigProvider {
  // A bare id stands for the provider with its own settings.
  const reader: FieldReader = FieldReader.of(
    file,
    path,
    typeof value === 'string' ? { id: value } : value,
  );
  const provider: ConfigProvider = {
    id: reader.oneOf<ProviderId>('id', PROVIDER_IDS),
    baseURL: reader.strings('baseURL'),
    ...readConnection(reader),
  };
  reader.done();
  return withoutUndefined(provider);
}

function readSite(file: string, path: string, value: unknown): ConfigSite {
  const reader: FieldReader = FieldReader.of(file, path, value);
  const baseURL = reader.strings('baseURL');
  if (baseURL === undefined)
    reader.fail('baseURL', "expected the deployment's address, got nothing");
  const template = reader.oneOf<TemplateId>('template', TEMPLATE_IDS);
  const site: ConfigSite = {
    id: reader.string('id'),
    baseURL,
    template,
    models: reader.strings('models'),
    label: reader.string('label'),
    ...readConnection(reader),
  };
  reader.done();
  return withoutUndefined(site);
}

/** The settings a provider and a site share. */
function readConnection(reader: FieldReader) {
  return {
    proxy: reader.string('proxy'),
    timeout: reader.milliseconds('timeout'),
    idleTimeout: reader.milliseconds('idleTimeout'),
    retries: reader.count('retries', 10),
    secret: reader.string('secret'),
    password: reader.string('password'),
  };
}

/** The object without its undefined fields, so that spreading it never erases a value. */
export function withoutUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

function describeField(name: string, value: unknown): string {
  if (!SECRET_FIELDS.has(name) || value === null || typeof value === 'object') {
    return describeValue(value);
  }
  return typeof value === 'string' ? 'a blank string' : `a ${typeof value}`;
}
