import { InvalidSettingError } from '@freechat/core';
import { createOptionChecker, PROVIDER_SETTINGS_SCHEMA } from '@freechat/core/internal';
import { describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli } from '../main.js';
import { LISTEN_SCHEMA } from '../serve/serve-config.js';
import { readCommandLine } from './command-line-settings.js';
import { CLI_OWNER } from './option-values.js';

const MILLISECONDS = 'a whole number of milliseconds from 1 to 2147483647';

/** Reads `--timeout`, `--max-retries` and `--port` (or `FREECHAT_PORT`) as `freechat` does. */
function read(flags: Record<string, unknown>, env: Record<string, string> = {}) {
  const provider = readCommandLine(
    PROVIDER_SETTINGS_SCHEMA,
    { timeout: { flag: '--timeout' }, maxRetries: { flag: '--max-retries' } },
    flags,
    env,
  );
  const listen = readCommandLine(
    LISTEN_SCHEMA,
    { port: { flag: '--port', env: 'FREECHAT_PORT' } },
    flags,
    env,
  );
  return { ...provider.flag, ...listen.flag, environment: listen.environment };
}

/** The error `run` throws. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe("the command line's values read as the library's settings do", () => {
  it.each([
    ['--timeout', { timeout: 'soon' }, `${MILLISECONDS}, got "soon"`],
    ['--timeout', { timeout: '' }, `${MILLISECONDS}, got ""`],
    ['--timeout', { timeout: '  ' }, `${MILLISECONDS}, got "  "`],
    ['--timeout', { timeout: '0' }, `${MILLISECONDS}, got 0`],
    ['--timeout', { timeout: '1.5' }, `${MILLISECONDS}, got 1.5`],
    ['--timeout', { timeout: '2147483648' }, `${MILLISECONDS}, got 2147483648`],
    ['--timeout', { timeout: 'Infinity' }, `${MILLISECONDS}, got Infinity`],
    ['--timeout', { timeout: 'NaN' }, `${MILLISECONDS}, got "NaN"`],
    ['--port', { port: 'eighty' }, 'a whole number from 0 to 65535, got "eighty"'],
    ['--port', { port: '65536' }, 'a whole number from 0 to 65535, got 65536'],
    ['--port', { port: '-1' }, 'a whole number from 0 to 65535, got -1'],
    ['--max-retries', { maxRetries: '11' }, 'a whole number from 0 to 10, got 11'],
    ['--max-retries', { maxRetries: '1e1000' }, 'a whole number from 0 to 10, got Infinity'],
  ])('%s %j', (field, flags, expected) => {
    const error = thrown(() => read(flags));
    expect(InvalidSettingError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ owner: CLI_OWNER, field });
    expect((error as InvalidSettingError).summary).toBe(`invalid ${field}: expected ${expected}`);
  });

  it('names the environment variable a bad value came from, and takes a blank one as unset', () => {
    expect(thrown(() => read({}, { FREECHAT_PORT: 'http' }))).toMatchObject({
      field: 'FREECHAT_PORT',
      message:
        '[freechat] invalid FREECHAT_PORT: expected a whole number from 0 to 65535, got "http"',
    });
    expect(read({}, { FREECHAT_PORT: '  ' }).environment).toEqual({});
    expect(read({}, { FREECHAT_PORT: '80' }).environment).toEqual({ port: 80 });
  });

  it("words a bad value exactly as the library's checker does for the same number", () => {
    const library = createOptionChecker(CLI_OWNER);
    const message = (run: () => unknown) => (thrown(run) as Error).message;
    expect(message(() => read({ timeout: '1.5' }))).toBe(
      message(() => library.duration('--timeout', 1.5, 1)),
    );
    expect(message(() => read({ port: '70000' }))).toBe(
      message(() => library.count('--port', 70_000, 0, { max: 65_535 })),
    );
  });

  it.each([
    [{ timeout: '1' }, { timeout: 1 }],
    [{ timeout: ' 2147483647 ' }, { timeout: 2_147_483_647 }],
    [{ timeout: '0x10' }, { timeout: 16 }],
    [{ port: '0' }, { port: 0 }],
    [{ port: '65535' }, { port: 65_535 }],
    [{ maxRetries: '0' }, { maxRetries: 0 }],
  ])('%j reads as %j', (flags, value) => {
    expect(read(flags)).toMatchObject(value);
  });

  it.each([
    [
      ['chat', '--timeout', '1.5', 'hi'],
      'invalid --timeout: expected a whole number of milliseconds from 1 to 2147483647, got 1.5',
    ],
    [
      ['chat', '--max-retries', 'many', 'hi'],
      'invalid --max-retries: expected a whole number from 0 to 10, got "many"',
    ],
    [
      ['serve', '--port', '70000'],
      'invalid --port: expected a whole number from 0 to 65535, got 70000',
    ],
    [
      ['serve', '--cooldown-time', '-1'],
      'invalid --cooldown-time: expected a whole number of milliseconds from 0 to 2147483647, got -1',
    ],
    [['chat', '--retries', '0', 'hi'], 'invalid --retries: renamed to --max-retries'],
    [['serve', '--cooldown', '5'], 'invalid --cooldown: renamed to --cooldown-time'],
    [
      ['serve', '--cooldown-after', '5'],
      'invalid --cooldown-after: renamed to --cooldown-after-failures',
    ],
  ])('freechat %j is a usage error, exit 2, before any traffic', async (argv, line) => {
    const test = createTestIO();
    expect(await runCli(argv, test.io)).toBe(2);
    expect(test.stderr()).toBe(`freechat: ${line}\n`);
    expect(test.stdout()).toBe('');
  });
});
