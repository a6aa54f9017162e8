import { readFileSync } from 'node:fs';
import { afterAll, describe, it } from 'vitest';
import { killRunning, runCli } from './test-cli-process.js';

afterAll(() => killRunning());

const COMMANDS = ['chat', 'repl', 'serve', 'providers', 'check'];

describe.concurrent('freechat', () => {
  it('--version prints the package version', async ({ expect }) => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it('--help lists every command and the exit codes', async ({ expect }) => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of [...COMMANDS, 'emulate'])
      expect(result.stdout).toContain(`  ${command} `);
    expect(result.stdout).toContain('Exit codes: 0 ok, 1 the provider failed, 2 usage mistake');
  });

  it('every command has --help', async ({ expect }) => {
    const results = await Promise.all(COMMANDS.map((command) => runCli([command, '--help'])));
    for (const [index, result] of results.entries()) {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: freechat ${COMMANDS[index]}`);
    }
    const emulate = await runCli(['emulate', '--help']);
    expect(emulate.code).toBe(0);
    expect(emulate.stdout).toContain('--chunk-size <n>');
  });

  it('an unknown command or option is a usage error, exit 2', async ({ expect }) => {
    const command = await runCli(['chatt']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'chatt'");
    expect(command.stderr).toContain('(Did you mean chat?)');
    const option = await runCli(['chat', '--colour', 'hi']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--colour'");
    const timeout = await runCli(['check', '--timeout', 'soon']);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('--timeout must be a whole number');
  });

  it('providers prints a table with models, status and every mirror', async ({ expect }) => {
    const result = await runCli(['providers'], {
      env: { FREECHAT_GPROCHAT_BASE_URL: 'https://gpro.example' },
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^PROVIDER +LABEL +MODELS +DEFAULT MODEL +LAST KNOWN +BASE URL$/);
    expect(lines[1]).toMatch(
      /^free2gpt +Free2GPT +gemini-1\.5-pro, gemini-1\.5-flash +gemini-1\.5-pro +working +https:\/\/chat10\.free2gpt\.xyz$/,
    );
    expect(lines[3]).toContain('https://gpro.example (FREECHAT_GPROCHAT_BASE_URL)');
    expect(lines[4]).toMatch(/^freegpt .* not working +https:\/\/s\.aifree\.site$/);
    expect(lines[5]).toMatch(/^ +https:\/\/v\.aifree\.site$/);
  });
});
