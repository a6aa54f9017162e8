import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, it } from 'vitest';
import { createTestIO } from '../test/test-cli-io.js';
import {
  killRunning,
  runCli as runCliProcess,
  runCliWritingTo,
  startCli,
} from '../test/test-cli-process.js';
import { DEFAULT_EMULATE_PORT } from './commands/emulate-command.js';
import { runCli } from './main.js';
import { processIO } from './terminal/io.js';

afterAll(() => killRunning());

const COMMANDS = ['chat', 'repl', 'serve', 'providers', 'check'];

describe.concurrent('freechat', () => {
  it('--version prints the package version', async ({ expect }) => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const result = await runCliProcess(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it('--help lists every command and the exit codes', async ({ expect }) => {
    const result = await runCliProcess(['--help']);
    expect(result.code).toBe(0);
    for (const command of [...COMMANDS, 'emulate'])
      expect(result.stdout).toContain(`  ${command} `);
    expect(result.stdout).toContain('Exit codes: 0 ok, 1 the provider failed, 2 usage mistake');
  });

  it('every command has --help', async ({ expect }) => {
    for (const command of COMMANDS) {
      const test = createTestIO();
      expect(await runCli([command, '--help'], test.io)).toBe(0);
      expect(test.stdout()).toContain(`Usage: freechat ${command}`);
    }
    const emulate = createTestIO();
    expect(await runCli(['emulate', '--help'], emulate.io)).toBe(0);
    expect(emulate.stdout()).toMatch(/^Usage: freechat emulate \[options\]$/m);
    expect(emulate.stdout()).not.toContain('freechat-emulator');
    expect(emulate.stdout()).toContain('--chunk-size <n>');
  });

  it('emulate listens on 8790 unless --port is given, leaving 8787 to serve', async ({
    expect,
  }) => {
    expect(DEFAULT_EMULATE_PORT).toBe(8790);
    const emulate = createTestIO();
    expect(await runCli(['emulate', '--help'], emulate.io)).toBe(0);
    expect(emulate.stdout()).toMatch(
      /^ {2}--port <n> +port to listen on, 0 for any free one \(default 8790\)$/m,
    );
  });

  it('processIO() watches stdout for errors once, however often it is called', ({ expect }) => {
    processIO();
    const listeners = process.stdout.listenerCount('error');
    processIO();
    processIO();
    expect(process.stdout.listenerCount('error')).toBe(listeners);
  });

  it.skipIf(!existsSync('/dev/full'))(
    'a stdout that cannot be written ends with one line on stderr and 1, not a stack trace',
    async ({ expect }) => {
      const result = await runCliWritingTo('/dev/full', ['providers']);
      expect(result).toEqual({
        code: 1,
        stderr: 'freechat: cannot write to stdout: ENOSPC: no space left on device, write\n',
      });
    },
  );

  it('an unknown command, option or bad number is a usage error, exit 2', async ({ expect }) => {
    const command = createTestIO();
    expect(await runCli(['chatt'], command.io)).toBe(2);
    expect(command.stderr()).toContain("unknown command 'chatt'");
    expect(command.stderr()).toContain('(Did you mean chat?)');
    const option = createTestIO();
    expect(await runCli(['chat', '--colour', 'hi'], option.io)).toBe(2);
    expect(option.stderr()).toContain("unknown option '--colour'");
    const timeout = createTestIO();
    expect(await runCli(['check', '--timeout', 'soon'], timeout.io)).toBe(2);
    expect(timeout.stderr()).toBe(
      'freechat: invalid --timeout: expected a whole number of milliseconds from 1 to 2147483647, got "soon"\n',
    );
    const baseURLs = createTestIO();
    expect(
      await runCli(['chat', '-p', 'free2gpt,freegpt', '--base-url', 'http://x', 'hi'], baseURLs.io),
    ).toBe(2);
    expect(baseURLs.stderr()).toContain('--base-url needs exactly one provider');
  });

  it('providers prints a table with models, status and every mirror', async ({ expect }) => {
    const test = createTestIO({ env: { FREECHAT_GPROCHAT_BASE_URL: 'https://gpro.example' } });
    expect(await runCli(['providers'], test.io)).toBe(0);
    const lines = test.stdout().split('\n');
    expect(lines[0]).toMatch(/^PROVIDER +LABEL +MODELS +DEFAULT MODEL +LAST KNOWN +BASE URL$/);
    expect(lines[1]).toMatch(
      /^free2gpt +Free2GPT +gemini-1\.5-pro, gemini-1\.5-flash +gemini-1\.5-pro +down +https:\/\/chat10\.free2gpt\.xyz$/,
    );
    expect(lines[3]).toContain('https://gpro.example (FREECHAT_GPROCHAT_BASE_URL)');
    expect(lines[4]).toMatch(/^freegpt .* down +https:\/\/s\.aifree\.site$/);
    expect(lines[5]).toMatch(/^ +https:\/\/v\.aifree\.site$/);
  });

  it('chat --site --password talks to a password-protected deployment of freechat emulate', async ({
    expect,
  }) => {
    const emulate = startCli([
      'emulate',
      '--port',
      '0',
      '--site',
      'mine=gemini-pro-chat',
      '--password',
      'mine=alpha',
    ]);
    const banner = await emulate.waitForStdout('Press Ctrl+C to stop.');
    const site = /^\s+mine\s+(http\S+)/m.exec(banner)![1]!;
    const args = ['chat', '--site', site, '--template', 'gemini-pro-chat'];
    const opened = await runCliProcess([...args, '--password', 'alpha', 'Hello']);
    const refused = await runCliProcess([...args, 'Hello']);
    emulate.child.kill('SIGTERM');
    await emulate.exit;
    expect(opened).toMatchObject({ code: 0, stderr: '' });
    expect(opened.stdout).not.toBe('');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('AuthRejectedError');
    expect(refused.stderr).toContain('--password');
  });
});
