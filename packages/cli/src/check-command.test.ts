import { afterAll, describe, it } from 'vitest';
import type { ProbeResult } from './check-command.js';
import { killRunning, runCli } from './test-cli-process.js';

afterAll(() => killRunning());

describe.concurrent('freechat check', () => {
  it('--emulator --json: every provider and mirror answers, exit 0', async ({ expect }) => {
    const result = await runCli(['check', '--emulator', '--json']);
    expect(result.code).toBe(0);
    const results = JSON.parse(result.stdout) as ProbeResult[];
    expect(results.map((probe) => probe.provider)).toEqual([
      'free2gpt',
      'aichatfree',
      'gprochat',
      'freegpt',
      'freegpt',
      'freegpt',
      'freegpt',
    ]);
    expect(new Set(results.map((probe) => probe.baseURL)).size).toBe(7);
    for (const probe of results) {
      expect(probe).toMatchObject({ ok: true, error: null, reason: null });
      expect(probe.firstTextMs).toBeGreaterThanOrEqual(0);
      expect(probe.totalMs).toBeGreaterThanOrEqual(probe.firstTextMs!);
    }
  });

  it('prints a table naming each dead base URL and its error, exit 1 when none answers', async ({
    expect,
  }) => {
    const env = {
      FREECHAT_FREE2GPT_BASE_URL: 'http://127.0.0.1:1',
      FREECHAT_AICHATFREE_BASE_URL: 'http://127.0.0.1:2',
      FREECHAT_GPROCHAT_BASE_URL: 'http://127.0.0.1:3',
      FREECHAT_FREEGPT_BASE_URL: 'http://127.0.0.1:4,http://127.0.0.1:5',
    };
    const result = await runCli(['check', '--timeout', '5000'], { env });
    expect(result.code).toBe(1);
    const rows = result.stdout.split('\n').filter((line) => line.includes('ConnectionError'));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(
      /^free2gpt +http:\/\/127\.0\.0\.1:1 +ConnectionError \(ECONNREFUSED\) +- +\d+ ms$/,
    );
    expect(rows[4]).toMatch(/^freegpt +http:\/\/127\.0\.0\.1:5 /);
    expect(result.stdout).toContain('0 of 5 base URLs answered.');
  });

  it('--json with -p lists only the chosen providers', async ({ expect }) => {
    const env = { FREECHAT_GPROCHAT_BASE_URL: 'http://127.0.0.1:1' };
    const result = await runCli(['check', '--json', '-p', 'gprochat'], { env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        provider: 'gprochat',
        baseURL: 'http://127.0.0.1:1',
        ok: false,
        error: 'ConnectionError',
        reason: 'ECONNREFUSED',
        firstTextMs: null,
        totalMs: expect.any(Number),
      },
    ]);
  });
});
