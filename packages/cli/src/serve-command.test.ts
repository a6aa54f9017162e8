import { emulatedReplyText } from '@freechat/emulator';
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
});
