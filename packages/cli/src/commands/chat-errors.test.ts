import type { Emulator } from '@freechat/emulator';
import { describe, it } from 'vitest';
import { runCli } from '../../test/test-cli-process.js';
import { useEmulator } from '../../test/test-emulator.js';
import { startSilentHost } from '../../test/test-silent-host.js';

let emulator: Emulator;

useEmulator((started) => {
  emulator = started;
});

describe.concurrent('freechat chat failures', () => {
  it('reports a refused connection on one line naming the provider and what to try, exit 1', async ({
    expect,
  }) => {
    const result = await runCli(['chat', '--base-url', 'http://127.0.0.1:1', 'hi']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^freechat: free2gpt: ConnectionError: .*ECONNREFUSED.*--base-url.*--proxy.*\n$/,
    );
  });

  it('names every attempt after a host that accepts and never answers', async ({ expect }) => {
    const host = await startSilentHost();
    try {
      const result = await runCli(['chat', '--base-url', host.url, '--timeout', '100', 'hi']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^freechat: free2gpt: TimeoutError: POST \S+: the response did not start within 100 ms \(timeout\); gave up after 3 attempts \(up to 100 ms each\); try a larger --timeout.*\n$/,
      );
    } finally {
      await host.close();
    }
  });

  it('reports a rate limit with a hint to try another provider or `freechat check`', async ({
    expect,
  }) => {
    emulator.scenario('free2gpt', { fault: 'quota' });
    const result = await runCli(['chat', '--base-url', emulator.sites.free2gpt, 'hi']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^freechat: free2gpt: RateLimitError: .*another provider.*freechat check.*\n$/,
    );
  });

  it('refuses a bad --proxy naming the field, and an unknown provider, with exit 2', async ({
    expect,
  }) => {
    const proxy = await runCli(['chat', '--proxy', 'ftp://x', 'hi']);
    expect(proxy.code).toBe(2);
    expect(proxy.stderr).toMatch(/^freechat: invalid --proxy: expected a URL starting with .*\n$/);
    const provider = await runCli(['chat', '-p', 'nope', 'hi']);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toContain('unknown provider "nope"; choose from free2gpt, aichatfree');
    const empty = await runCli(['chat'], { input: '  \n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('nothing to ask');
  });
});
