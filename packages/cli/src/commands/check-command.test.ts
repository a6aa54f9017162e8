import type { Emulator } from '@freechat/emulator';
import { describe, it } from 'vitest';
import { runCli, startCli } from '../../test/test-cli-process.js';
import { requestsTo, useEmulator } from '../../test/test-emulator.js';
import type { ProbeResult } from './check-command.js';

let emulator: Emulator;

useEmulator((started) => {
  emulator = started;
});

/** Resolves once `count` requests to `baseURLs` have arrived. */
async function waitForRequests(count: number, ...baseURLs: string[]) {
  while (requestsTo(emulator, ...baseURLs).length < count) await emulator.nextRequest();
  return requestsTo(emulator, ...baseURLs);
}

// Each test talks to its own sites or mirrors of the shared emulator, so they can run at once.
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
      expect(probe).toMatchObject({ ok: true, error: null, reason: null, complete: true });
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
        complete: false,
        firstTextMs: null,
        totalMs: expect.any(Number),
      },
    ]);
  });

  it('exits 0 when one provider answers and another is dead', async ({ expect }) => {
    const env = {
      FREECHAT_AICHATFREE_BASE_URL: 'http://127.0.0.1:1',
      FREECHAT_FREEGPT_BASE_URL: emulator.mirrors.freegpt[0]!,
    };
    const result = await runCli(['check', '--json', '-p', 'aichatfree,freegpt'], { env });
    expect(result.code).toBe(0);
    const results = JSON.parse(result.stdout) as ProbeResult[];
    expect(results).toMatchObject([
      { provider: 'aichatfree', ok: false, error: 'ConnectionError', complete: false },
      { provider: 'freegpt', ok: true, error: null, complete: true },
    ]);
  });

  it('probes concurrently: the second stalled mirror is asked while the first still waits', async ({
    expect,
  }) => {
    const mirrors = [emulator.mirrors.freegpt[1]!, emulator.mirrors.freegpt[2]!];
    for (const mirror of mirrors) emulator.scenario(mirror, { fault: 'stall-before-headers' });
    const args = ['check', '-p', 'freegpt', '--base-url', mirrors.join(','), '--timeout', '60000'];
    const cli = startCli(args);
    // One after the other, the second request could only come once the first had ended.
    const requests = await waitForRequests(2, ...mirrors);
    expect(requests.map((request) => request.clientClosed)).toEqual([false, false]);
    cli.child.kill('SIGINT');
    expect((await cli.exit).code).toBe(130);
    await Promise.all(requests.map((request) => request.closed));
    expect(requests.map((request) => request.clientClosed)).toEqual([true, true]);
  });

  it('cuts off a trickling reply at the --timeout deadline: it answered, but not completely', async ({
    expect,
  }) => {
    // 400 bytes 200 ms apart would take 80 s to arrive: still arriving at the deadline, which is long
    // enough for the first byte to arrive on any load.
    emulator.scenario('free2gpt', { fault: 'trickle', delayMs: 200, text: 'x'.repeat(400) });
    const env = { FREECHAT_FREE2GPT_BASE_URL: emulator.sites.free2gpt };
    const result = await runCli(['check', '-p', 'free2gpt', '--timeout', '5000', '--json'], {
      env,
    });
    expect(result.code).toBe(0);
    const [probe] = JSON.parse(result.stdout) as ProbeResult[];
    expect(probe).toMatchObject({ ok: true, error: null, complete: false });
    expect(probe!.firstTextMs).not.toBeNull();
    const [request] = requestsTo(emulator, emulator.sites.free2gpt);
    await request!.closed;
    expect(request!.clientClosed).toBe(true);
  });

  it('fails a probe with no text by the deadline, and the table says so', async ({ expect }) => {
    emulator.scenario('gprochat', { fault: 'stall-before-headers' });
    const env = { FREECHAT_GPROCHAT_BASE_URL: emulator.sites.gprochat };
    const result = await runCli(['check', '-p', 'gprochat', '--timeout', '300'], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^gprochat +http:\S+ +TimeoutError \(no \w+ in 300 ms\) +- +\d+ ms$/m,
    );
    const [request] = requestsTo(emulator, emulator.sites.gprochat);
    await request!.closed;
    expect(request!.clientClosed).toBe(true);
  });
});
