import type { Dispatcher } from 'undici';
import { ATTEMPT_ORDERS, type AttemptOrder } from '../policy/random-order.js';
import { originHeaders } from '../sites/origin-headers.js';
import type { ProviderDefinition } from '../sites/provider-definition.js';
import { dispatcherFactory } from '../transport/create-dispatcher.js';
import { describeValue } from './describe-value.js';
import { type Endpoint, resolveEndpoints } from './endpoint.js';
import { createOptionChecker, type OptionChecker } from './option-check.js';
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
  /** The order the mirrors are tried in. */
  mirrorOrder: AttemptOrder;
  now: () => number;
}

/**
 * Checks a factory's settings against the definition's defaults. Every bad value is an
 * InvalidSettingError naming its field, thrown at creation, before any traffic.
 */
export function resolveSettings(
  definition: ProviderDefinition,
  settings: ProviderSettings,
): ResolvedSettings {
  const check = createOptionChecker(definition.id);
  if (typeof settings !== 'object' || settings === null) {
    return check.fail('settings', `expected an object, got ${describeValue(settings)}`);
  }
  const { proxy, dispatcher } = settings;
  if (proxy !== undefined && dispatcher !== undefined) {
    check.fail('proxy', 'give either proxy or dispatcher, not both');
  }
  const mirrorOrder = check.oneOf('mirrorOrder', settings.mirrorOrder, ATTEMPT_ORDERS, 'random');
  const now = check.func('now', settings.now, Date.now);
  if (dispatcher !== undefined && !isDispatcher(dispatcher)) {
    check.fail('dispatcher', `expected an undici Dispatcher, got ${describeValue(dispatcher)}`);
  }
  const maxConnections = check.count(
    'maxConnections',
    settings.maxConnections,
    DEFAULT_MAX_CONNECTIONS,
    {
      min: 1,
      max: MAX_CONNECTIONS_LIMIT,
    },
  );
  const http2 = check.boolean('http2', settings.http2, false);
  if (http2 && dispatcher !== undefined) {
    check.fail('http2', 'it applies to the dispatcher freechat builds; set allowH2 on your own');
  }
  const factory = dispatcherFactory(definition.id, proxy, { maxConnections, http2 });
  return {
    endpoints: resolveEndpoints(definition.id, settings.baseURL ?? definition.baseURL, (address) =>
      mergeHeaders(
        { ...definition.headers, ...originHeaders(definition, address) },
        settings.headers,
        definition.contentType,
        check,
      ),
    ),
    createDispatcher: dispatcher === undefined ? factory.create : undefined,
    proxy: factory.proxy,
    maxReplyBytes:
      settings.maxReplyBytes === undefined
        ? undefined
        : check.size('maxReplyBytes', settings.maxReplyBytes, DEFAULT_MAX_REPLY_BYTES, {
            unbounded: true,
          }),
    timeout: check.duration('timeout', settings.timeout, DEFAULT_TIMEOUT),
    idleTimeout: check.duration('idleTimeout', settings.idleTimeout, DEFAULT_IDLE_TIMEOUT),
    maxRetries: check.count('maxRetries', settings.maxRetries, DEFAULT_MAX_RETRIES, {
      max: MAX_RETRIES_LIMIT,
    }),
    retryDelay: check.duration('retryDelay', settings.retryDelay, DEFAULT_RETRY_DELAY),
    maxRetryAfter: check.duration('maxRetryAfter', settings.maxRetryAfter, DEFAULT_MAX_RETRY_AFTER),
    secret: check.string('secret', settings.secret, definition.secret),
    // The password itself is never put in a message: describeValue is only reached for non-strings.
    password:
      settings.password === undefined
        ? undefined
        : check.string('password', settings.password, undefined, { nonEmpty: true }),
    mirrorOrder,
    now,
  };
}

function mergeHeaders(
  defaults: Readonly<Record<string, string>>,
  overrides: unknown,
  contentType: string,
  check: OptionChecker,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] = value;
  if (overrides !== undefined) {
    if (typeof overrides !== 'object' || overrides === null) {
      check.fail('headers', `expected an object, got ${describeValue(overrides)}`);
    }
    for (const [name, value] of Object.entries(overrides as object)) {
      const field = `headers.${name}`;
      if (!HEADER_NAME.test(name)) check.fail(field, 'not a valid HTTP header name');
      headers[name.toLowerCase()] = check.string(field, value, undefined, { noControl: true });
    }
  }
  headers['content-type'] = contentType;
  return headers;
}

function isDispatcher(value: unknown): value is Dispatcher {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Dispatcher>).dispatch === 'function'
  );
}
