import { describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { createOptionChecker } from './option-check.js';
import { setting } from './setting-kinds.js';
import type { SettingSpec } from './setting-spec.js';
import {
  checkSettings,
  objectSetting,
  omitSettings,
  pickSettings,
  settingFromText,
} from './settings-schema.js';

const { fail } = createOptionChecker('owner');

const SCHEMA = {
  name: setting.required(setting.string({ nonEmpty: true })),
  timeout: setting.duration(),
  password: setting.string({ nonEmpty: true, secret: true }),
  tags: setting.list(setting.oneOf(['a', 'b']), { nonEmpty: true }),
  mirrors: setting.oneOrList(setting.url({ schemes: ['https:'] }), 'URLs'),
  headers: setting.record(setting.string(), { pattern: /^[a-z-]+$/, expected: 'a header name' }),
  nested: objectSetting({ retries: setting.count({ max: 3 }) }, { refuseUnknown: true }),
} as const;

/** The message of the InvalidSettingError `run` throws. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(InvalidSettingError.isInstance(error)).toBe(true);
    return (error as InvalidSettingError).summary;
  }
  throw new Error('expected a throw');
}

describe('checkSettings', () => {
  it('returns the fields given, checked, and leaves out the ones not given or undefined', () => {
    expect(
      checkSettings(SCHEMA, { name: 'x', timeout: undefined, tags: ['a'], other: 1 }, '', fail),
    ).toEqual({ name: 'x', tags: ['a'] });
  });

  it.each<[string, unknown, string]>([
    ['not an object', null, 'invalid settings: expected an object, got null'],
    ['a required field missing', {}, 'invalid name: expected a non-empty string, got nothing'],
    [
      'a bad number',
      { name: 'x', timeout: 0 },
      'invalid timeout: expected a whole number of milliseconds from 1 to 2147483647, got 0',
    ],
    [
      'a secret',
      { name: 'x', password: 12345 },
      'invalid password: expected a non-empty string, got a number',
    ],
    [
      'a list entry',
      { name: 'x', tags: ['a', 'c'] },
      'invalid tags[1]: expected one of "a", "b", got "c"',
    ],
    [
      'an empty list',
      { name: 'x', tags: [] },
      'invalid tags: expected a non-empty list, got an empty list',
    ],
    [
      'one of a list',
      { name: 'x', mirrors: ['https://a.example', 'http://b.example'] },
      'invalid mirrors[1]: expected a URL starting with https://, got "http://b.example"',
    ],
    [
      'one or a list',
      { name: 'x', mirrors: 5 },
      'invalid mirrors: expected a URL starting with https://, or a non-empty list of URLs, got 5',
    ],
    [
      'a record name',
      { name: 'x', headers: { 'X Y': 'v' } },
      'invalid headers.X Y: expected a header name, got "X Y"',
    ],
    [
      'a nested field',
      { name: 'x', nested: { retries: 4 } },
      'invalid nested.retries: expected a whole number from 0 to 3, got 4',
    ],
    [
      'a nested unknown field',
      { name: 'x', nested: { retry: 1 } },
      'invalid nested.retry: not a known setting',
    ],
  ])('refuses %s with the one wording', (_name, value, message) => {
    expect(refusal(() => checkSettings(SCHEMA, value, '', fail))).toBe(message);
  });

  it('never shows a secret, whatever its kind', () => {
    for (const password of [98765, '', ['hunter2'], { value: 'hunter2' }]) {
      const message = refusal(() => checkSettings(SCHEMA, { name: 'x', password }, '', fail));
      expect(message).not.toMatch(/98765|hunter2/);
    }
  });

  it('puts the path before each field, and refuses unknown and renamed fields when told to', () => {
    const rules = { refuseUnknown: true, renamed: { retries: 'maxRetries' } };
    expect(
      refusal(() => checkSettings(SCHEMA, { name: 'x', tymeout: 1 }, 'providers[2]', fail, rules)),
    ).toBe('invalid providers[2].tymeout: not a known setting');
    expect(refusal(() => checkSettings(SCHEMA, { name: 'x', retries: 1 }, '', fail, rules))).toBe(
      'invalid retries: renamed to maxRetries',
    );
    expect(refusal(() => checkSettings(SCHEMA, 'x', 'sites[0]', fail))).toBe(
      'invalid sites[0]: expected an object, got "x"',
    );
    // Without the rules, an unknown or an old field is another's business.
    expect(checkSettings(SCHEMA, { name: 'x', retries: 1 }, '', fail)).toEqual({ name: 'x' });
  });

  it('picks and omits fields of a schema', () => {
    expect(Object.keys(pickSettings(SCHEMA, ['timeout', 'name']))).toEqual(['timeout', 'name']);
    expect(Object.keys(omitSettings(SCHEMA, ['nested', 'headers', 'mirrors', 'tags']))).toEqual([
      'name',
      'timeout',
      'password',
    ]);
  });
});

describe('settingFromText', () => {
  it.each<[string, SettingSpec<unknown>, string, unknown]>([
    ['a duration', SCHEMA.timeout, ' 60000 ', 60_000],
    ['a duration in hexadecimal', SCHEMA.timeout, '0x10', 16],
    ['a boolean', setting.boolean(), 'TRUE', true],
    ['a comma list', SCHEMA.tags, 'a, b,', ['a', 'b']],
    ['one URL', SCHEMA.mirrors, 'https://a.example', 'https://a.example'],
  ])('reads %s from its text', (_name, spec, text, value) => {
    expect(settingFromText(spec, text, '--flag', fail)).toEqual(value);
  });

  it('names the source of a bad text as the field, showing what was typed', () => {
    expect(refusal(() => settingFromText(SCHEMA.timeout, 'soon', '--timeout', fail))).toBe(
      'invalid --timeout: expected a whole number of milliseconds from 1 to 2147483647, got "soon"',
    );
    expect(refusal(() => settingFromText(setting.boolean(), 'yes', 'FREECHAT_UI', fail))).toBe(
      'invalid FREECHAT_UI: expected true or false, got "yes"',
    );
    expect(
      settingFromText(SCHEMA.mirrors, 'https://a.example,https://b.example', '--base-url', fail),
    ).toEqual(['https://a.example', 'https://b.example']);
  });
});
