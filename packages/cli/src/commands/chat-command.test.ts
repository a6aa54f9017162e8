import { type Emulator, emulatedReplyText } from '@freechat/emulator';
import { describe, it } from 'vitest';
import { runCli, startCli } from '../../test/test-cli-process.js';
import { requestsTo, useEmulator } from '../../test/test-emulator.js';

let emulator: Emulator;

useEmulator((started) => {
  emulator = started;
});

// Each test talks to its own site or mirror of the shared emulator, so they can run at once.
describe.concurrent('freechat chat', () => {
  it('prints the emulated reply to stdout and nothing on stderr when not a terminal', async ({
    expect,
  }) => {
    const result = await runCli(['chat', '--emulator', 'hi']);
    expect(result.code).toBe(0);
    const messages = [{ role: 'user' as const, content: 'hi' }];
    expect(result.stdout).toBe(`${emulatedReplyText('free2gpt', messages)}\n`);
    expect(result.stderr).toBe('');
  });

  it('reads the question from stdin when no text is given', async ({ expect }) => {
    const result = await runCli(['chat', '--emulator'], { input: 'a question\nfrom stdin\n' });
    expect(result.code).toBe(0);
    const messages = [{ role: 'user' as const, content: 'a question\nfrom stdin' }];
    expect(result.stdout).toBe(`${emulatedReplyText('free2gpt', messages)}\n`);
  });

  it('asks FreeGpt with -p freegpt and sends the system message', async ({ expect }) => {
    const result = await runCli(['chat', '--emulator', '-p', 'freegpt', '-s', 'be brief', 'hello']);
    expect(result.code).toBe(0);
    const messages = [
      { role: 'system' as const, content: 'be brief' },
      { role: 'user' as const, content: 'hello' },
    ];
    expect(result.stdout).toBe(`${emulatedReplyText('freegpt', messages)}\n`);
  });

  it('sends to the --base-url mirrors given', async ({ expect }) => {
    const mirror = emulator.mirrors.freegpt[1]!;
    const args = [
      'chat',
      '-p',
      'freegpt',
      '--base-url',
      'http://127.0.0.1:1',
      '--base-url',
      mirror,
    ];
    const result = await runCli([...args, 'one']);
    expect(result.code).toBe(0);
    expect(requestsTo(emulator, mirror)).toHaveLength(1);
  });

  it('sends to the mirrors of FREECHAT_<ID>_BASE_URL', async ({ expect }) => {
    const site = emulator.sites.gprochat;
    const result = await runCli(['chat', '-p', 'gprochat', 'two'], {
      env: { FREECHAT_GPROCHAT_BASE_URL: `http://127.0.0.1:1,${site}` },
    });
    expect(result.code).toBe(0);
    expect(requestsTo(emulator, site)).toHaveLength(1);
  });

  it('falls back along a comma list of providers', async ({ expect }) => {
    emulator.scenario('free2gpt', { fault: 'quota' });
    const result = await runCli(['chat', '-p', 'free2gpt,aichatfree', 'hi'], {
      env: {
        FREECHAT_FREE2GPT_BASE_URL: emulator.sites.free2gpt,
        FREECHAT_AICHATFREE_BASE_URL: emulator.sites.aichatfree,
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('AIChatFree (emulated)');
    const requests = requestsTo(emulator, emulator.sites.free2gpt, emulator.sites.aichatfree);
    expect(requests.map((request) => [request.site, request.verdict])).toEqual([
      ['free2gpt', 'fault'],
      ['aichatfree', 'ok'],
    ]);
  });

  it('cancels the upstream request on Ctrl-C and exits with 130', async ({ expect }) => {
    const mirror = emulator.mirrors.freegpt[2]!;
    // The first chunks, then silence: the reply is still open when Ctrl-C comes, whatever the load.
    emulator.scenario(mirror, { fault: 'stall-mid-reply', chunkSize: 8 });
    const cli = startCli(['chat', '--emulator', '-p', 'freegpt', '--base-url', mirror, 'slowly']);
    await cli.waitForStdout('FreeGpt');
    cli.child.kill('SIGINT');
    const result = await cli.exit;
    expect(result.code).toBe(130);
    const [request] = requestsTo(emulator, mirror);
    await request!.closed;
    expect(request!.clientClosed).toBe(true);
    expect(result.stderr).toBe('');
  });
});
