import type { Dispatcher } from 'undici';
import { ATTEMPT_ORDERS } from '../policy/random-order.js';
import type { ProviderSettings } from './provider-settings.js';
import { proxySetting } from './proxy-setting.js';
import { setting } from './setting-kinds.js';
import { failExpected, type SettingSpec } from './setting-spec.js';

/** An HTTP header name: one or more RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The most retries a provider may be set to make. */
const MAX_RETRIES_LIMIT = 10;

/** The most sockets to one origin a provider may be set to open. */
const MAX_CONNECTIONS_LIMIT = 65_535;

/** A base URL: `http://` or `https://`, without credentials, a query or a fragment. */
export const baseURLSetting = setting.oneOrList(
  setting.url({ schemes: ['http:', 'https:'] }),
  'URLs',
);

const dispatcherSetting: SettingSpec<Dispatcher> = setting.custom(
  'an undici Dispatcher',
  (value, field, fail) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Dispatcher>).dispatch === 'function'
      ? (value as Dispatcher)
      : failExpected(fail, field, 'an undici Dispatcher', value),
);

/**
 * The one schema of {@link ProviderSettings}: what every provider factory, `createSite`, the CLI's
 * flags and the server's config file check a provider's settings with, under the same names.
 */
export const PROVIDER_SETTINGS_SCHEMA = {
  baseURL: baseURLSetting,
  headers: setting.record(setting.string({ noControl: true }), {
    pattern: HEADER_NAME,
    expected: 'an HTTP header name',
  }),
  proxy: proxySetting,
  maxConnections: setting.count({ min: 1, max: MAX_CONNECTIONS_LIMIT }),
  maxReplyBytes: setting.size({ unbounded: true }),
  http2: setting.boolean(),
  dispatcher: dispatcherSetting,
  timeout: setting.duration(),
  idleTimeout: setting.duration(),
  maxRetries: setting.count({ max: MAX_RETRIES_LIMIT }),
  retryDelay: setting.duration(),
  maxRetryAfter: setting.duration(),
  secret: setting.string({ secret: true }),
  password: setting.string({ nonEmpty: true, secret: true }),
  mirrorOrder: setting.oneOf(ATTEMPT_ORDERS),
  now: setting.func<() => number>(),
} as const satisfies {
  [K in keyof Required<ProviderSettings>]: SettingSpec<NonNullable<ProviderSettings[K]>>;
};
