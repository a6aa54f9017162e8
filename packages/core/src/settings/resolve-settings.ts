import type { Dispatcher } from 'undici';
import type { AttemptOrder } from '../policy/random-order.js';
import { originHeaders } from '../sites/origin-headers.js';
import type { ProviderDefinition } from '../sites/provider-definition.js';
import { dispatcherFactory } from '../transport/create-dispatcher.js';
import { type Endpoint, resolveEndpoints } from './endpoint.js';
import { createOptionChecker } from './option-check.js';
import type { ProviderSettings } from './provider-settings.js';
import { PROVIDER_SETTINGS_SCHEMA } from './provider-settings-schema.js';
import { checkSettings } from './settings-schema.js';

const DEFAULT_TIMEOUT = 60_000;
const DEFAULT_IDLE_TIMEOUT = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_RETRY_DELAY = 500;
const DEFAULT_MAX_RETRY_AFTER = 30_000;
const DEFAULT_MAX_CONNECTIONS = 128;

/** The bound on a reply's size that `complete()` applies unless told otherwise: 16 MiB. */
export const DEFAULT_MAX_REPLY_BYTES = 16 * 1024 * 1024;

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
 * Checks a factory's settings by {@link PROVIDER_SETTINGS_SCHEMA}, then the rules between fields, and
 * fills in the definition's defaults. Every bad value is an InvalidSettingError naming its field,
 * thrown at creation, before any traffic.
 */
export function resolveSettings(
  definition: ProviderDefinition,
  settings: ProviderSettings,
): ResolvedSettings {
  const check = createOptionChecker(definition.id);
  const given = checkSettings(PROVIDER_SETTINGS_SCHEMA, settings, '', check.fail);
  const { proxy, dispatcher, http2 = false } = given;
  if (proxy !== undefined && dispatcher !== undefined) {
    check.fail('proxy', 'expected no proxy with a dispatcher of your own, got both');
  }
  if (http2 && dispatcher !== undefined) {
    check.fail(
      'http2',
      'expected false with a dispatcher of your own (set allowH2 on it), got true',
    );
  }
  // undici's SOCKS5 agent offers no ALPN: its connections are HTTP/1.1 whatever is asked.
  if (http2 && proxy !== undefined && new URL(proxy).protocol === 'socks5:') {
    check.fail('http2', 'expected false with a socks5:// proxy (use http:// or none), got true');
  }
  const factory = dispatcherFactory(proxy, {
    maxConnections: given.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    http2,
  });
  return {
    endpoints: resolveEndpoints(given.baseURL ?? definition.baseURL, (address) =>
      mergeHeaders(
        { ...definition.headers, ...originHeaders(definition, address) },
        given.headers,
        definition.contentType,
      ),
    ),
    createDispatcher: dispatcher === undefined ? factory.create : undefined,
    proxy: factory.proxy,
    maxReplyBytes: given.maxReplyBytes,
    timeout: given.timeout ?? DEFAULT_TIMEOUT,
    idleTimeout: given.idleTimeout ?? DEFAULT_IDLE_TIMEOUT,
    maxRetries: given.maxRetries ?? DEFAULT_MAX_RETRIES,
    retryDelay: given.retryDelay ?? DEFAULT_RETRY_DELAY,
    maxRetryAfter: given.maxRetryAfter ?? DEFAULT_MAX_RETRY_AFTER,
    secret: given.secret ?? definition.secret,
    password: given.password,
    mirrorOrder: given.mirrorOrder ?? 'random',
    now: given.now ?? Date.now,
  };
}

/** The definition's headers, under the caller's (names compared without case), and the content type. */
function mergeHeaders(
  defaults: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, string>> | undefined,
  contentType: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(overrides ?? {})) headers[name.toLowerCase()] = value;
  headers['content-type'] = contentType;
  return headers;
}
