import { emulatedReplyText, startEmulator } from '@freechat/emulator';
import { afterAll, describe, it } from 'vitest';
import { killRunning, startCli } from './test-cli-process.js';

afterAll(() => killRunning());

const HELLO = [{ role: 'user' as const, content: 'Hello!' }];

/** Starts `freechat serve` and waits for its banner; returns the process and its URL. */
async function startServe(args: readonly string[], env?: Record<string, string>) {
  const cli = startCli(['serve', '--emulator', '--port', '0', ...args], env ? { env } : {});
  const banner = await cli.waitForStdout('Press Ctrl+C to stop.');
  const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
  return { cli, banner, url };
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
});
