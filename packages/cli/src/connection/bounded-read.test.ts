import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { killRunning, runCli as runCliProcess } from '../../test/test-cli-process.js';
import { runCli } from '../main.js';
import { readServeApiKey } from '../serve/serve-api-key.js';
import { readServeConfig } from '../serve/serve-config-file.js';
import { readConnectionSettings } from './connection.js';

const KiB = 1024;
const MiB = 1024 * KiB;

const directory = mkdtempSync(join(tmpdir(), 'freechat-bounded-'));
afterAll(() => {
  killRunning();
  rmSync(directory, { recursive: true, force: true });
});

/** Writes `text` to a new file in the test's directory with `mode`, and returns its path. */
function file(name: string, text: string, mode = 0o600): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe('the files the CLI reads are read up to a bound', () => {
  it('refuses --password-file /dev/zero after 64 KiB, in a process limited to 3 GB', async () => {
    // Node 22's own undici reserves WebAssembly memory past 3 GB of address space when the CLI loads,
    // so the bound on the process (which an unbounded read would meet) is set on Node 24 and later.
    const bounded = Number(process.versions.node.split('.')[0]) >= 24;
    const result = await runCliProcess(
      ['chat', '--emulator', '--password-file', '/dev/zero', 'hi'],
      bounded ? { memoryLimitKiB: 3 * MiB } : {},
    );
    expect(result.stderr).toBe(
      'freechat: --password-file: "/dev/zero" is larger than 64 KiB, the most freechat reads for it\n',
    );
    expect(result.code).toBe(2);
  });

  it('reads a password file of exactly 64 KiB and refuses one of a byte more', () => {
    const { io } = createTestIO();
    const largest = file('largest-password', 'p'.repeat(64 * KiB));
    const settings = readConnectionSettings({ passwordFile: largest }, ['free2gpt'], io);
    expect(settings.credentials.flag?.password).toHaveLength(64 * KiB);
    const over = file('over-password', 'p'.repeat(64 * KiB + 1));
    expect(() => readConnectionSettings({ passwordFile: over }, ['free2gpt'], io)).toThrow(
      `--password-file: "${over}" is larger than 64 KiB`,
    );
  });

  it('refuses an --api-key-file over 64 KiB before the server starts', async () => {
    const test = createTestIO();
    const key = file('large-key', 'k'.repeat(64 * KiB + 1));
    const code = await runCli(
      ['serve', '--emulator', '--port', '0', '--api-key-file', key],
      test.io,
    );
    expect(code).toBe(2);
    expect(test.stderr()).toBe(
      `freechat: --api-key-file: "${key}" is larger than 64 KiB, the most freechat reads for it\n`,
    );
    expect(test.stdout()).toBe('');
  });

  it('reads a config file of exactly 1 MiB, and refuses one of a byte more before the server starts', async () => {
    const head = 'port: 9000\n';
    const padding = (size: number) => `#${'x'.repeat(size - 2)}\n`;
    const largest = file('largest.yaml', head + padding(MiB - head.length));
    expect(await readServeConfig(largest)).toEqual({ port: 9000 });
    const over = file('over.yaml', head + padding(MiB - head.length + 1));
    const test = createTestIO();
    const code = await runCli(['serve', '--emulator', '--port', '0', '--config', over], test.io);
    expect(code).toBe(2);
    expect(test.stderr()).toBe(
      `freechat: --config: "${over}" is larger than 1 MiB, the most freechat reads for it\n`,
    );
  });

  it('refuses a question over 4 MiB on stdin', async () => {
    const test = createTestIO({ input: 'q'.repeat(4 * MiB + 1) });
    const code = await runCli(['chat', '--emulator'], test.io);
    expect(code).toBe(2);
    expect(test.stderr()).toBe('freechat: the question on stdin is larger than 4 MiB\n');
  });
});

describe('a secret file open to other users', () => {
  const warning = (option: string, path: string, mode: string) =>
    `freechat: warning: ${option} "${path}" is open to other users (mode ${mode}); make it yours alone: chmod 600 "${path}"\n`;

  it('gets a warning naming it and chmod 600, and is read all the same', () => {
    for (const [mode, shown] of [
      [0o644, '644'],
      [0o640, '640'],
      [0o604, '604'],
      [0o620, '620'],
    ] as const) {
      const test = createTestIO();
      const path = file(`password-${shown}`, 'open-sesame\n', mode);
      const settings = readConnectionSettings({ passwordFile: path }, ['free2gpt'], test.io);
      expect(settings.credentials.flag?.password).toBe('open-sesame');
      expect(test.stderr()).toBe(warning('--password-file', path, shown));
    }
    const test = createTestIO();
    const key = file('key-644', 'sk-local\n', 0o644);
    expect(readServeApiKey({ apiKeyFile: key }, test.io)).toBe('sk-local');
    expect(test.stderr()).toBe(warning('--api-key-file', key, '644'));
  });

  it('gets no warning when it is its owner’s alone, nor for a device', () => {
    const test = createTestIO();
    const path = file('password-600', 'open-sesame\n', 0o600);
    expect(
      readConnectionSettings({ passwordFile: path }, ['free2gpt'], test.io).credentials.flag
        ?.password,
    ).toBe('open-sesame');
    expect(() =>
      readConnectionSettings({ passwordFile: '/dev/null' }, ['free2gpt'], test.io),
    ).toThrow('is empty');
    expect(test.stderr()).toBe('');
  });
});
