import type { Dispatcher } from 'undici';
import { dispatcherFactory } from './create-dispatcher.js';
import { describeValue } from './describe-value.js';
import { type Endpoint, resolveEndpoints } from './endpoint.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { checkByteCount, checkCount, checkDuration } from './number-check.js';
import { originHeaders } from './origin-headers.js';
import { checkPassword } from './password-check.js';
import type { ProviderDefinition } from './provider-definition.js';
import type { ProviderSettings } from './provider-settings.js';

const DEFAULT_TIMEOUT = 60_000;
const DEFAULT_IDLE_TIMEOUT = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_RETRY_DELAY = 500;
const DEFAULT_MAX_RETRY_AFTER = 30_000;
const MAX_RETRIES_LIMIT = 10;
const DEFAULT_MAX_CONNECTIONS = 128;
const MAX_CONNECTIONS_LIMIT = 65_535;

/** The bound on a reply's size that `complete()` applies unless told otherwise: 16 MiB. */
export const DEFAULT_MAX_REPLY_BYTES = 16 * 1024 * 1024;

/** An HTTP header name: one or more RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A provider's settings, checked and with every default filled in. */
export interface ResolvedSettings {
  /** Each base URL's endpoint, with its own request headers. */
  endpoints: readonly Endpoint[];
  /** Builds the provider's own dispatcher; undefined when the caller brought one. */
  createDispatcher: (() => Dispatcher) | undefined;
  /** The proxy as it may be shown (credentials masked), or undefined. */
  proxy: string | undefined;
  /** The bound on a reply's size, when the caller set one. */
  maxReplyBytes: number | undefined;
  timeout: number;
  idleTimeout: number;
  maxRetries: number;
  retryDelay: number;
  maxRetryAfter: number;
  secret: string;
  password: string | undefined;
  shuffleMirrors: boolean;
  now: () => number;
}

/**
 * Checks a factory's settings against the definition's defaults. Every bad value is an
 * InvalidRequestError naming its field, thrown at creation, before any traffic.
 */
export function resolveSettings(
  definition: ProviderDefinition,
  settings: ProviderSettings,
): ResolvedSettings {
  const id = definition.id;
  const fail = (field: string, message: string): never => {
    throw new InvalidRequestError({ provider: id, field, message });
  };
  if (typeof settings !== 'object' || settings === null)
    return fail('settings', 'expected an object');
  const { proxy, dispatcher, mirrorOrder, now } = settings;
  if (proxy !== undefined && dispatcher !== undefined) {
    fail('proxy', 'give either proxy or dispatcher, not both');
  }
  if (mirrorOrder !== undefined && mirrorOrder !== 'random' && mirrorOrder !== 'ordered') {
    fail('mirrorOrder', `expected "random" or "ordered", got ${describeValue(mirrorOrder)}`);
  }
  if (now !== undefined && typeof now !== 'function') fail('now', 'expected a function');
  if (dispatcher !== undefined && !isDispatcher(dispatcher)) {
    fail('dispatcher', `expected an undici Dispatcher, got ${describeValue(dispatcher)}`);
  }
  const maxConnections = checkCount(
    id,
    'maxConnections',
    settings.maxConnections,
    DEFAULT_MAX_CONNECTIONS,
    MAX_CONNECTIONS_LIMIT,
  );
  if (maxConnections === 0) fail('maxConnections', 'expected at least 1');
  const factory = dispatcherFactory(id, proxy, maxConnections);
  return {
    endpoints: resolveEndpoints(id, settings.baseURL ?? definition.baseURL, (address) =>
      mergeHeaders(
        { ...definition.headers, ...originHeaders(definition, address) },
        settings.headers,
        definition.contentType,
        fail,
      ),
    ),
    createDispatcher: dispatcher === undefined ? factory.create : undefined,
    proxy: factory.proxy,
    maxReplyBytes:
      settings.maxReplyBytes === undefined
        ? undefined
        : checkByteCount(id, 'maxReplyBytes', settings.maxReplyBytes, DEFAULT_MAX_REPLY_BYTES),
    timeout: checkDuration(id, 'timeout', settings.timeout, DEFAULT_TIMEOUT),
    idleTimeout: checkDuration(id, 'idleTimeout', settings.idleTimeout, DEFAULT_IDLE_TIMEOUT),
    maxRetries: checkCount(
      id,
      'maxRetries',
      settings.maxRetries,
      DEFAULT_MAX_RETRIES,
      MAX_RETRIES_LIMIT,
    ),
    retryDelay: checkDuration(id, 'retryDelay', settings.retryDelay, DEFAULT_RETRY_DELAY),
    maxRetryAfter: checkDuration(
      id,
      'maxRetryAfter',
      settings.maxRetryAfter,
      DEFAULT_MAX_RETRY_AFTER,
    ),
    secret: checkString('secret', settings.secret ?? definition.secret, fail),
    password: checkPassword(settings.password, fail),
    shuffleMirrors: mirrorOrder !== 'ordered',
    now: now ?? Date.now,
  };
}

function mergeHeaders(
  defaults: Readonly<Record<string, string>>,
  overrides: unknown,
  contentType: string,
  fail: (field: string, message: string) => never,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] = value;
  if (overrides !== undefined) {
    if (typeof overrides !== 'object' || overrides === null) fail('headers', 'expected an object');
    for (const [name, value] of Object.entries(overrides as object)) {
      const field = `headers.${name}`;
      if (!HEADER_NAME.test(name)) fail(field, 'not a valid HTTP header name');
      headers[name.toLowerCase()] = checkString(field, value, fail);
      if (/[\r\n\0]/.test(value)) fail(field, 'a header value must not contain CR, LF or NUL');
    }
  }
  headers['content-type'] = contentType;
  return headers;
}

function checkString(
  field: string,
  value: unknown,
  fail: (field: string, message: string) => never,
): string {
  return typeof value === 'string' ? value : fail(field, `expected a string, got ${typeof value}`);
}

function isDispatcher(value: unknown): value is Dispatcher {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Dispatcher>).dispatch === 'function'
  );
}
