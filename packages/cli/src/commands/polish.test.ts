import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatedReplyText, startEmulator } from '@freechat/emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { runCli } from '../main.js';
import { reachableURLs } from '../serve/serve-addresses.js';

const directory = mkdtempSync(join(tmpdir(), 'freechat-polish-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const HI = [{ role: 'user' as const, content: 'hi' }];

async function run(args: string[], env: Record<string, string> = {}) {
  const test = createTestIO({ env });
  const code = await runCli(args, test.io);
  return { code, stdout: test.stdout(), stderr: test.stderr() };
}

/** Starts `serve` in this process; resolves with its banner, its URL and how to stop it. */
async function serve(args: string[]) {
  const test = createTestIO();
  const exit = runCli(['serve', '--emulator', '--port', '0', ...args], test.io);
  const banner = await test.waitForStdout('Press Ctrl+C to stop.');
  const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
  return {
    banner,
    url: url.replace('0.0.0.0', '127.0.0.1'),
    stop: async () => {
      test.send('SIGINT');
      return exit;
    },
  };
}

describe('freechat providers --json', () => {
  it('prints every provider as JSON, with a FREECHAT_<ID>_BASE_URL override named', async () => {
    const result = await run(['providers', '--json'], {
      FREECHAT_FREEGPT_BASE_URL: 'https://a.example,https://b.example',
    });
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as { id: string; baseURLs: string[] }[];
    expect(list.map((provider) => provider.id)).toEqual([
      'free2gpt',
      'aichatfree',
      'gprochat',
      'freegpt',
    ]);
    expect(list[3]).toMatchObject({
      baseURLs: ['https://a.example', 'https://b.example'],
      baseURLVariable: 'FREECHAT_FREEGPT_BASE_URL',
    });
    expect(list[0]).toMatchObject({ baseURLVariable: null, defaultModel: expect.any(String) });
  });
});

describe('chat --delay', () => {
  it('streams the emulated reply with a delay between chunks, and only with --emulator', async () => {
    const delayed = await run(['chat', '--emulator', '--delay', '1', 'hi']);
    expect(delayed.code).toBe(0);
    expect(delayed.stdout).toBe(`${emulatedReplyText('free2gpt', HI)}\n`);
    const alone = await run(['chat', '--delay', '5', 'hi']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--delay goes with --emulator');
    const bad = await run(['chat', '--emulator', '--delay', 'slow', 'hi']);
    expect(bad.stderr).toContain(
      'freechat: invalid --delay: expected a whole number of milliseconds from 0 to 60000, got "slow"\n',
    );
  });
});

describe('--max-retries', () => {
  it('is a count from 0 to 10', async () => {
    const bad = await run(['chat', '--emulator', '--max-retries', '-1', 'hi']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'freechat: invalid --max-retries: expected a whole number from 0 to 10, got -1\n',
    );
  });

  it('--max-retries 0 makes one attempt only', async () => {
    const emulator = await startEmulator();
    try {
      emulator.scenario(
        'free2gpt',
        { fault: 'service-unavailable' },
        { fault: 'service-unavailable' },
      );
      const once = await run([
        'chat',
        '--base-url',
        emulator.sites.free2gpt,
        '--max-retries',
        '0',
        'hi',
      ]);
      expect(once.code).toBe(1);
      expect(emulator.requests.length).toBe(1);
    } finally {
      await emulator.close();
    }
  });
});

describe('--password-file', () => {
  it('reads the site password from a file, alone, and never prints it', async () => {
    const emulator = await startEmulator({
      sites: { locked: { template: 'chatgpt-demo', password: 'open-sesame' } },
    });
    try {
      const site = ['--site', emulator.sites.locked, '--template', 'chatgpt-demo'];
      const path = join(directory, 'password');
      writeFileSync(path, ' open-sesame\n', { mode: 0o600 });
      const ok = await run(['chat', ...site, '--password-file', path, 'hi']);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      const both = await run(['chat', ...site, '--password-file', path, '--password', 'x', 'hi']);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('give either --password or --password-file, not both');
      const empty = join(directory, 'empty');
      writeFileSync(empty, '\n');
      const blank = await run(['chat', ...site, '--password-file', empty, 'hi']);
      expect(blank.stderr).toContain(`--password-file: "${empty}" is empty`);
      for (const result of [ok, both, blank]) expect(result.stderr).not.toContain('open-sesame');
    } finally {
      await emulator.close();
    }
  });
});

describe('serve --cors, --host 0.0.0.0 and the banner', () => {
  it('--cors alone allows any origin, and the banner names the chat page', async () => {
    const server = await serve(['--cors']);
    const response = await fetch(`${server.url}/v1/models`, {
      headers: { origin: 'https://anywhere.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    await response.text();
    expect(server.banner).toContain(`chat page: ${server.url}/`);
    expect(await server.stop()).toBe(0);
  });

  it('--host 0.0.0.0 without a key warns that anyone on the network can use it', async () => {
    const server = await serve(['--host', '0.0.0.0', '--no-ui']);
    expect(server.banner).toContain('other machines can reach this server and no API key');
    expect(server.banner).not.toContain('chat page');
    expect(await server.stop()).toBe(0);
  });

  it('lists one URL per external address of a wildcard host', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
    } as unknown as Parameters<typeof reachableURLs>[2];
    expect(reachableURLs('0.0.0.0', 8787, interfaces)).toEqual(['http://192.168.1.20:8787']);
    expect(reachableURLs('::', 8787, interfaces)).toEqual([
      'http://192.168.1.20:8787',
      'http://[fe80::1]:8787',
    ]);
    expect(reachableURLs('127.0.0.1', 8787, interfaces)).toEqual([]);
  });
});

describe('exit codes of serve and emulate', () => {
  it('exit with 1 when the port is taken', async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = String((taken.address() as { port: number }).port);
    try {
      const served = await run(['serve', '--emulator', '--port', port]);
      expect(served.code).toBe(1);
      expect(served.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
      const emulated = await run(['emulate', '--port', port]);
      expect(emulated.code).toBe(1);
      expect(emulated.stderr).toContain('the emulator cannot listen');
    } finally {
      taken.close();
    }
  });
});
