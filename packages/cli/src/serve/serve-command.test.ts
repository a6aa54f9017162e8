import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatedReplyText, startEmulator } from '@freechat/emulator';
import { afterAll, describe, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { killRunning, startCli } from '../../test/test-cli-process.js';
import { runCli } from '../main.js';

const directory = mkdtempSync(join(tmpdir(), 'freechat-serve-'));
afterAll(() => {
  killRunning();
  rmSync(directory, { recursive: true, force: true });
});

/** Writes `text` to a new file in the test's directory and returns its path. */
function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

const HELLO = [{ role: 'user' as const, content: 'Hello!' }];

/** Starts `freechat serve` and waits for its banner; returns the process and its URL. */
async function startServe(args: readonly string[], env?: Record<string, string>) {
  const cli = startCli(['serve', '--emulator', '--port', '0', ...args], env ? { env } : {});
  const banner = await cli.waitForStdout('Press Ctrl+C to stop.');
  const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
  return { cli, banner, url };
}

/** Runs `freechat serve --emulator --port 0 ...args` in this process and waits for its banner. */
async function serveInProcess(args: readonly string[], env?: Record<string, string>) {
  const test = createTestIO(env ? { env } : {});
  const exit = runCli(['serve', '--emulator', '--port', '0', ...args], test.io);
  const banner = await test.waitForStdout('Press Ctrl+C to stop.');
  const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
  return { test, exit, url };
}

function complete(url: string, model: string, headers: Record<string, string> = {}) {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model, messages: HELLO }),
  });
}

describe.concurrent('freechat serve', () => {
  it('serves a --site deployment under --site-id and --site-models', async ({ expect }) => {
    const emulator = await startEmulator();
    try {
      const cli = startCli([
        'serve',
        '--port',
        '0',
        '--site',
        emulator.sites.aichatfree,
        '--template',
        'gemini-pro-chat',
        '--site-id',
        'mine',
        '--site-models',
        'my-model',
      ]);
      const banner = await cli.waitForStdout('Press Ctrl+C to stop.');
      expect(banner).toContain('fallback order: mine');
      const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
      const response = await complete(url, 'mine/my-model');
      const completion = (await response.json()) as {
        model: string;
        choices: { message: { content: string } }[];
      };
      expect(completion.model).toBe('mine/my-model');
      expect(completion.choices[0]!.message.content).toBe(emulatedReplyText('aichatfree', HELLO));
      cli.child.kill('SIGTERM');
      expect((await cli.exit).code).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it('prints its URL and examples, answers a completion, and exits cleanly on SIGTERM', async ({
    expect,
  }) => {
    const { cli, banner, url } = await startServe([]);
    expect(banner).toContain(`OpenAI-compatible base URL: ${url}/v1`);
    expect(banner).toContain(`curl -N ${url}/v1/chat/completions`);
    expect(banner).toContain(`new OpenAI({ baseURL: '${url}/v1'`);
    const response = await complete(url, 'freegpt');
    expect(response.status).toBe(200);
    const completion = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(completion.choices[0]!.message.content).toBe(emulatedReplyText('freegpt', HELLO));
    cli.child.kill('SIGTERM');
    const result = await cli.exit;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('freechat server stopped.');
    expect(result.stderr).not.toContain('"reqId"');
  });

  it('serves only --providers and requires FREECHAT_API_KEY when set', async ({ expect }) => {
    const { cli, banner, url } = await startServe(['--providers', 'gprochat'], {
      FREECHAT_API_KEY: 'sesame',
    });
    expect(banner).not.toContain('sesame');
    expect(banner).toContain('Authorization: Bearer $FREECHAT_API_KEY');
    expect((await complete(url, 'gprochat')).status).toBe(401);
    const authorized = await complete(url, 'gprochat', { authorization: 'Bearer sesame' });
    expect(authorized.status).toBe(200);
    const other = await complete(url, 'free2gpt', { authorization: 'Bearer sesame' });
    expect(other.status).toBe(404);
    cli.child.kill('SIGINT');
    expect((await cli.exit).code).toBe(0);
  });

  it('--log writes JSON log lines to stderr without contents; --log-contents adds them', async ({
    expect,
  }) => {
    const logged = async (flag: string) => {
      const { cli, url } = await startServe(['--providers', 'aichatfree', flag]);
      const response = await complete(url, 'aichatfree');
      expect(response.status).toBe(200);
      await response.text();
      cli.child.kill('SIGTERM');
      const result = await cli.exit;
      const lines = result.stderr.split('\n').filter((line) => line.startsWith('{'));
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const requestId = response.headers.get('x-request-id');
      return { result, entries: entries.filter((entry) => entry.reqId === requestId) };
    };
    const [plain, contents] = await Promise.all([logged('--log'), logged('--log-contents')]);
    const reply = emulatedReplyText('aichatfree', HELLO);
    expect(plain.entries.length).toBeGreaterThan(0);
    expect(plain.result.stderr).not.toContain('Hello!');
    expect(plain.result.stdout).not.toContain('"reqId"');
    expect(contents.entries).toContainEqual(expect.objectContaining({ conversation: HELLO }));
    expect(contents.entries).toContainEqual(expect.objectContaining({ reply }));
  });

  it('--api-key-file: requires the key read from the file, trimmed, and never prints it', async ({
    expect,
  }) => {
    const keyFile = file('key', '  open-sesame \n');
    const { test, exit, url } = await serveInProcess(
      ['--providers', 'gprochat', '--api-key-file', keyFile],
      {
        FREECHAT_API_KEY: 'from-the-environment',
      },
    );
    expect((await complete(url, 'gprochat')).status).toBe(401);
    const environment = await complete(url, 'gprochat', {
      authorization: 'Bearer from-the-environment',
    });
    expect(environment.status).toBe(401);
    const authorized = await complete(url, 'gprochat', { authorization: 'Bearer open-sesame' });
    expect(authorized.status).toBe(200);
    test.send('SIGTERM');
    expect(await exit).toBe(0);
    expect(test.stdout() + test.stderr()).not.toContain('open-sesame');
  });
});

describe('freechat serve --drop-params', () => {
  it('leaves out a tool it cannot serve instead of refusing it, and names it in a response header', async ({
    expect,
  }) => {
    const tools = [{ type: 'custom', custom: { name: 'grammar' } }];
    const ask = (url: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gprochat', messages: HELLO, tools }),
      });
    const strict = await serveInProcess(['--providers', 'gprochat']);
    const refused = await ask(strict.url);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { param: string } }).error.param).toBe(
      'tools[0].type',
    );
    strict.test.send('SIGTERM');
    expect(await strict.exit).toBe(0);

    const dropping = await serveInProcess(['--providers', 'gprochat', '--drop-params']);
    const answered = await ask(dropping.url);
    expect(answered.status).toBe(200);
    expect(answered.headers.get('x-freechat-dropped-params')).toBe('tools[0].type');
    await answered.text();
    dropping.test.send('SIGTERM');
    expect(await dropping.exit).toBe(0);
  });
});

describe.concurrent('freechat serve refuses, before listening (exit code 2)', () => {
  for (const [name, args, message] of [
    [
      'a missing --api-key-file',
      () => ['--api-key-file', join(directory, 'no-such-file')],
      /^freechat: --api-key-file: cannot read ".*no-such-file" \(ENOENT\)\n$/,
    ],
    [
      'an --api-key-file of blanks',
      () => ['--api-key-file', file('blank', ' \n\t\n')],
      /^freechat: --api-key-file: ".*blank" is empty\n$/,
    ],
    [
      'a key on the command line (--api-key)',
      () => ['--api-key', 'visible-in-ps'],
      /^freechat: --api-key is not accepted: .*visible to every user in `ps`\. Set FREECHAT_API_KEY or use --api-key-file <path>\.\n$/,
    ],
  ] as const) {
    it(name, async ({ expect }) => {
      const test = createTestIO();
      const code = await runCli(['serve', '--emulator', '--port', '0', ...args()], test.io);
      expect(code).toBe(2);
      expect(test.stderr()).toMatch(message);
      expect(test.stderr()).not.toContain('visible-in-ps');
      expect(test.stdout()).toBe('');
    });
  }

  it('--help names --api-key-file and FREECHAT_API_KEY, and not --api-key', async ({ expect }) => {
    const test = createTestIO();
    expect(await runCli(['serve', '--help'], test.io)).toBe(0);
    expect(test.stdout()).toContain('--api-key-file <path>');
    expect(test.stdout()).toContain('FREECHAT_API_KEY');
    expect(test.stdout()).not.toMatch(/--api-key </);
  });
});
