import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { ProviderError } from '../errors/provider-error.js';
import { createOptionChecker, type OptionChecker } from './option-check.js';

const check = createOptionChecker('owner');

/** Runs `run` and returns the InvalidSettingError it threw, failing the test otherwise. */
function thrown(run: () => unknown): InvalidSettingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSettingError);
    expect((error as Error).name).toBe('InvalidSettingError');
    return error as InvalidSettingError;
  }
  throw new Error('expected a throw');
}

type Kind = keyof Omit<OptionChecker, 'owner' | 'fail'>;

/** Each kind's call, and what it says it expected. */
const kinds: Record<Kind, { run: (value: unknown) => unknown; expected: string }> = {
  duration: {
    run: (value) => check.duration('field', value, 5),
    expected: 'a whole number of milliseconds from 1 to 2147483647',
  },
  count: {
    run: (value) => check.count('field', value, 5, { max: 10 }),
    expected: 'a whole number from 0 to 10',
  },
  size: {
    run: (value) => check.size('field', value, 5),
    expected: 'a whole number of bytes from 1 to 9007199254740991',
  },
  url: {
    run: (value) => check.url('field', value, { schemes: ['http:', 'https:'] }),
    expected: 'a URL starting with http:// or https://',
  },
  oneOf: {
    run: (value) => check.oneOf('field', value, ['rotated', 'listed'], 'listed'),
    expected: 'one of "rotated", "listed"',
  },
  string: { run: (value) => check.string('field', value), expected: 'a string' },
  boolean: { run: (value) => check.boolean('field', value, false), expected: 'true or false' },
  func: { run: (value) => check.func('field', value, Date.now), expected: 'a function' },
};

/** Values no kind accepts, and how a message shows each. */
const badValues: [unknown, string][] = [
  [Number.NaN, 'NaN'],
  [Number.POSITIVE_INFINITY, 'Infinity'],
  [Number.NEGATIVE_INFINITY, '-Infinity'],
  [1.5, '1.5'],
  [5n, '5n'],
  [Symbol('s'), 'a symbol'],
  [null, 'null'],
  [Object.create(null), 'an object'],
  [{}, 'an object'],
  [[], 'an array'],
];

describe('createOptionChecker', () => {
  describe.each(Object.entries(kinds))('%s', (_kind, { run, expected }) => {
    it.each(badValues)('refuses %s with the one wording', (value, shown) => {
      const error = thrown(() => run(value));
      expect(error.field).toBe('field');
      expect(error.owner).toBe('owner');
      expect(error.message).toBe(`[owner] invalid field: expected ${expected}, got ${shown}`);
    });
  });

  it.each([
    [
      'duration',
      () => check.duration('field', 0, 5),
      'a whole number of milliseconds from 1 to 2147483647, got 0',
    ],
    [
      'duration',
      () => check.duration('field', 2 ** 31, 5),
      'a whole number of milliseconds from 1 to 2147483647, got 2147483648',
    ],
    [
      'duration min 0',
      () => check.duration('field', -1, 5, { min: 0 }),
      'a whole number of milliseconds from 0 to 2147483647, got -1',
    ],
    [
      'count',
      () => check.count('field', 11, 5, { max: 10 }),
      'a whole number from 0 to 10, got 11',
    ],
    [
      'count',
      () => check.count('field', '5', 5, { max: 10 }),
      'a whole number from 0 to 10, got "5"',
    ],
    [
      'count min 1',
      () => check.count('field', 0, 5, { min: 1, max: 10 }),
      'a whole number from 1 to 10, got 0',
    ],
    [
      'size',
      () => check.size('field', 0, 5),
      'a whole number of bytes from 1 to 9007199254740991, got 0',
    ],
    [
      'size unbounded',
      () => check.size('field', -1, 5, { unbounded: true }),
      'a whole number of bytes from 1 to 9007199254740991, or Infinity, got -1',
    ],
    ['oneOf', () => check.oneOf('field', 'other', ['a', 'b'], 'a'), 'one of "a", "b", got "other"'],
    [
      'string',
      () => check.string('field', '', undefined, { nonEmpty: true }),
      'a non-empty string, got ""',
    ],
    [
      'string',
      () => check.string('field', 'a\nb', undefined, { noControl: true }),
      'a string without CR, LF or NUL',
    ],
    [
      'oneOf, a long value',
      () => check.oneOf('field', 'x'.repeat(50), ['a'], 'a'),
      `one of "a", got "${'x'.repeat(40)}…"`,
    ],
    [
      'url',
      () => check.url('field', 'ftp://x', { schemes: ['http:', 'https:'] }),
      'a URL starting with http:// or https://, got "ftp://x"',
    ],
    [
      'url',
      () => check.url('field', 'not a url', { schemes: ['http:'] }),
      'a URL starting with http://, got "not a url"',
    ],
    [
      'url',
      () => check.url('field', 'http://user:secret@x/', { schemes: ['http:'] }),
      'a URL without credentials, got "http://***@x/"',
    ],
    [
      'url',
      () => check.url('field', 'http://x/?q=1', { schemes: ['http:'] }),
      'a URL without a query or a fragment, got "http://x/?q=1"',
    ],
  ])('%s: refuses with an exact message', (_name, run, detail) => {
    const error = thrown(run);
    expect(error.message).toBe(`[owner] invalid field: expected ${detail}`);
  });

  it('never shows a URL credential', () => {
    const error = thrown(() => check.url('field', 'http://user:secret@x/', { schemes: ['http:'] }));
    expect(error.message).not.toContain('secret');
  });

  it('gives the fallback for undefined and accepts the bounds', () => {
    expect(check.duration('field', undefined, 5)).toBe(5);
    expect(check.duration('field', 1, 5)).toBe(1);
    expect(check.duration('field', 2 ** 31 - 1, 5)).toBe(2 ** 31 - 1);
    expect(check.count('field', undefined, 5, { max: 10 })).toBe(5);
    expect(check.count('field', 0, 5, { max: 10 })).toBe(0);
    expect(check.count('field', 10, 5, { max: 10 })).toBe(10);
    expect(check.size('field', undefined, 5)).toBe(5);
    expect(check.size('field', Number.MAX_SAFE_INTEGER, 5)).toBe(Number.MAX_SAFE_INTEGER);
    expect(check.size('field', Number.POSITIVE_INFINITY, 5, { unbounded: true })).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(check.oneOf('field', undefined, ['a', 'b'], 'b')).toBe('b');
    expect(check.oneOf('field', 'a', ['a', 'b'], 'b')).toBe('a');
    expect(check.string('field', undefined, 'fallback')).toBe('fallback');
    expect(check.string('field', '')).toBe('');
    expect(check.boolean('field', undefined, true)).toBe(true);
    expect(check.boolean('field', false, true)).toBe(false);
    expect(check.func('field', undefined, Date.now)).toBe(Date.now);
    expect(check.url('field', 'https://x/a', { schemes: ['https:'] }).href).toBe('https://x/a');
  });

  it('fail() throws the typed error with the field', () => {
    const error = thrown(() => check.fail('list[2]', 'expected at least one entry'));
    expect(error.field).toBe('list[2]');
    expect(error.message).toBe('[owner] invalid list[2]: expected at least one entry');
  });

  it("throws an InvalidRequestError, not an InvalidSettingError, for a request's fields", () => {
    const request = createOptionChecker('owner', 'request');
    let error: unknown;
    try {
      request.duration('timeout', -1, 5);
    } catch (caught) {
      error = caught;
    }
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(InvalidSettingError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({
      name: 'InvalidRequestError',
      field: 'timeout',
      message:
        '[owner] invalid timeout: expected a whole number of milliseconds from 1 to 2147483647, got -1',
    });
  });

  it('makes an InvalidSettingError neither an InvalidRequestError nor a ProviderError: it names an owner', () => {
    const error = thrown(() => check.fail('field', 'bad'));
    expect(InvalidRequestError.isInstance(error)).toBe(false);
    expect(ProviderError.isInstance(error)).toBe(false);
    expect(error).toMatchObject({ owner: 'owner', field: 'field', detail: 'bad' });
    expect(error.summary).toBe('invalid field: bad');
  });
});
