import { createHash } from 'node:crypto';
import { describeValue, type OptionChecker } from '@freechat/core/internal';
import type { Principal } from './principal.js';
import type { KeyLimits } from './server-state.js';

/** An API key with a name (for metrics and logs, never the key) and its limits. */
export interface ApiKeySettings extends KeyLimits {
  /** The bearer token clients send. */
  key: string;
  /** The key's name in `/metrics` and the logs (default `key-<n>`, its place in the list from 1). */
  name?: string;
}

/** An accepted key and the principal it stands for. */
export interface ApiKeyEntry {
  readonly key: string;
  readonly principal: Principal;
}

/** The fields of an {@link ApiKeySettings}. */
const ENTRY_FIELDS = new Set([
  'key',
  'name',
  'requestsPerMinute',
  'concurrentRequests',
  'tokensPerDay',
]);

/** The most a limit may be set to. */
const MAX_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * The server's `apiKey` option as entries: a key, a key with settings, or a list of either.
 *
 * @throws InvalidSettingError naming the entry's field (`apiKey[1].requestsPerMinute`) for a bad
 * value, a name or a key given twice; a key is never shown in the message.
 */
export function resolveApiKeys(
  check: OptionChecker,
  option: string | ApiKeySettings | readonly (string | ApiKeySettings)[] | undefined,
): ApiKeyEntry[] | undefined {
  if (option === undefined) return undefined;
  const list = Array.isArray(option) ? (option as readonly unknown[]) : [option];
  if (list.length === 0) check.fail('apiKey', 'expected a key or a non-empty list of keys');
  const names = new Set<string>();
  const ids = new Set<string>();
  return list.map((value, index) => {
    const field = Array.isArray(option) ? `apiKey[${index}]` : 'apiKey';
    const entry = readEntry(check, field, value, index);
    if (names.has(entry.principal.name)) {
      check.fail(`${field}.name`, `"${entry.principal.name}" names another key too`);
    }
    if (ids.has(entry.principal.id)) check.fail(field, 'the same key is listed twice');
    names.add(entry.principal.name);
    ids.add(entry.principal.id);
    return entry;
  });
}

function readEntry(check: OptionChecker, field: string, value: unknown, index: number) {
  const settings: Partial<ApiKeySettings> =
    typeof value === 'string' ? { key: value } : (value as Partial<ApiKeySettings>);
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    check.fail(field, `expected a key or an object with "key", got ${describeValue(value)}`);
  }
  for (const name of Object.keys(settings)) {
    if (!ENTRY_FIELDS.has(name)) check.fail(`${field}.${name}`, 'not a known setting');
  }
  const keyField = typeof value === 'string' ? field : `${field}.key`;
  if (typeof settings.key !== 'string' || settings.key.trim() === '') {
    check.fail(keyField, 'expected a non-empty string');
  }
  const key = settings.key;
  const name = check.string(`${field}.name`, settings.name, `key-${index + 1}`, {
    nonEmpty: true,
    noControl: true,
  });
  const limit = (name: keyof KeyLimits) =>
    settings[name] === undefined
      ? undefined
      : check.count(`${field}.${name}`, settings[name], 0, { min: 1, max: MAX_LIMIT });
  const limits: KeyLimits = {};
  for (const field of ['requestsPerMinute', 'concurrentRequests', 'tokensPerDay'] as const) {
    const value = limit(field);
    if (value !== undefined) limits[field] = value;
  }
  const principal: Principal = {
    id: createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32),
    name,
    limits: Object.keys(limits).length === 0 ? undefined : limits,
  };
  return { key, principal };
}
