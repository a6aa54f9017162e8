import { InvalidRequestError } from '@freechat/core';
import { createOptionChecker } from '@freechat/core/internal';
import { describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli } from '../main.js';
import { CLI_OWNER, parseCount, parseMilliseconds, parsePort } from './option-values.js';

const MILLISECONDS = 'a whole number of milliseconds from 1 to 2147483647';

describe("the CLI's numbers read as the library's settings do", () => {
  it.each([
    ['--timeout', () => parseMilliseconds('--timeout', 'soon'), `${MILLISECONDS}, got "soon"`],
    ['--timeout', () => parseMilliseconds('--timeout', ''), `${MILLISECONDS}, got ""`],
    ['--timeout', () => parseMilliseconds('--timeout', '  '), `${MILLISECONDS}, got "  "`],
    ['--timeout', () => parseMilliseconds('--timeout', '0'), `${MILLISECONDS}, got 0`],
    ['--timeout', () => parseMilliseconds('--timeout', '1.5'), `${MILLISECONDS}, got 1.5`],
    [
      '--timeout',
      () => parseMilliseconds('--timeout', '2147483648'),
      `${MILLISECONDS}, got 2147483648`,
    ],
    [
      '--timeout',
      () => parseMilliseconds('--timeout', 'Infinity'),
      `${MILLISECONDS}, got Infinity`,
    ],
    ['--timeout', () => parseMilliseconds('--timeout', 'NaN'), `${MILLISECONDS}, got "NaN"`],
    [
      '--delay',
      () => parseMilliseconds('--delay', '60001', { min: 0, max: 60_000 }),
      'a whole number of milliseconds from 0 to 60000, got 60001',
    ],
    ['--port', () => parsePort('--port', 'eighty'), 'a whole number from 0 to 65535, got "eighty"'],
    ['--port', () => parsePort('--port', '65536'), 'a whole number from 0 to 65535, got 65536'],
    ['--port', () => parsePort('--port', '-1'), 'a whole number from 0 to 65535, got -1'],
    ['--retries', () => parseCount('--retries', '11', 10), 'a whole number from 0 to 10, got 11'],
    [
      '--retries',
      () => parseCount('--retries', '1e1000', 10),
      'a whole number from 0 to 10, got Infinity',
    ],
  ])('%s: %s', (field, parse, expected) => {
    let thrown: unknown;
    try {
      parse();
    } catch (error) {
      thrown = error;
    }
    expect(InvalidRequestError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ provider: CLI_OWNER, field });
    expect((thrown as InvalidRequestError).summary).toBe(`invalid ${field}: expected ${expected}`);
  });

  it("words a bad value exactly as core's option checker does for the same number", () => {
    const library = createOptionChecker(CLI_OWNER);
    const read = (parse: () => unknown) => {
      try {
        parse();
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(read(() => parseMilliseconds('--timeout', '1.5'))).toBe(
      read(() => library.duration('--timeout', 1.5, 1)),
    );
    expect(read(() => parsePort('--port', '70000'))).toBe(
      read(() => library.count('--port', 70_000, 0, { max: 65_535 })),
    );
  });

  it.each([
    ['--timeout', '1', 1],
    ['--timeout', ' 2147483647 ', 2_147_483_647],
    ['--timeout', '0x10', 16],
  ])('%s %j reads as %d', (option, text, value) => {
    expect(parseMilliseconds(option, text)).toBe(value);
  });

  it.each([
    ['0', 0],
    ['65535', 65_535],
  ])('--port %j reads as %d', (text, value) => {
    expect(parsePort('--port', text)).toBe(value);
  });

  it.each([
    [
      ['chat', '--timeout', '1.5', 'hi'],
      'invalid --timeout: expected a whole number of milliseconds from 1 to 2147483647, got 1.5',
    ],
    [
      ['chat', '--retries', 'many', 'hi'],
      'invalid --retries: expected a whole number from 0 to 10, got "many"',
    ],
    [
      ['serve', '--port', '70000'],
      'invalid --port: expected a whole number from 0 to 65535, got 70000',
    ],
    [
      ['serve', '--cooldown', '-1'],
      'invalid --cooldown: expected a whole number of milliseconds from 0 to 2147483647, got -1',
    ],
  ])('freechat %j is a usage error, exit 2, before any traffic', async (argv, line) => {
    const test = createTestIO();
    expect(await runCli(argv, test.io)).toBe(2);
    expect(test.stderr()).toBe(`freechat: ${line}\n`);
    expect(test.stdout()).toBe('');
  });
});
