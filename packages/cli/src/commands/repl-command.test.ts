import { type Emulator, emulatedReplyText } from '@freechat/emulator';
import { describe, it } from 'vitest';
import { runCli, startCli } from '../../test/test-cli-process.js';
import { useEmulator } from '../../test/test-emulator.js';

let emulator: Emulator;

useEmulator((started) => {
  emulator = started;
});

function requestsTo(baseURL: string) {
  return emulator.requests.filter((request) => request.baseURL === baseURL);
}

describe.concurrent('freechat repl', () => {
  it('keeps the history across turns, forgets it on /reset, and stops at /exit', async ({
    expect,
  }) => {
    const site = emulator.sites.free2gpt;
    const input = 'first question\nsecond question\n/reset\nthird question\n/exit\nnever sent\n';
    const result = await runCli(['repl', '--base-url', site], { input });
    expect(result.code).toBe(0);
    const first = { role: 'user' as const, content: 'first question' };
    const firstReply = emulatedReplyText('free2gpt', [first]);
    const bodies = requestsTo(site).map((request) => request.body as { messages: unknown[] });
    expect(bodies.map((body) => body.messages)).toEqual([
      [first],
      [
        first,
        { role: 'assistant', content: firstReply },
        { role: 'user', content: 'second question' },
      ],
      [{ role: 'user', content: 'third question' }],
    ]);
    expect(result.stdout.split('\n').filter((line) => line !== '')).toHaveLength(3);
    expect(result.stdout.startsWith(`${firstReply}\n`)).toBe(true);
    expect(result.stderr).toContain('(conversation forgotten)');
  });

  it('switches provider and model with /provider and /model, and ends at end of input', async ({
    expect,
  }) => {
    const input = 'hello\n/provider freegpt\n/model gemini-1.5-flash\nagain\n/provider nope\n';
    const result = await runCli(['repl', '--emulator'], { input });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Free2GPT (emulated) here. You said: "hello"');
    expect(result.stdout).toContain('FreeGpt (emulated) here. You said: "again"');
    expect(result.stderr).toContain('(now freegpt (model gemini-1.5-flash))');
    expect(result.stderr).toContain('unknown provider "nope"');
  });

  it('cancels only the reply on Ctrl-C and answers the next line', async ({ expect }) => {
    const mirror = emulator.mirrors.freegpt[3]!;
    // The first chunks, then silence: the reply is still open when Ctrl-C comes, whatever the load.
    emulator.scenario(mirror, { fault: 'stall-mid-reply', chunkSize: 8 });
    const cli = startCli(['repl', '-p', 'freegpt', '--base-url', mirror]);
    cli.child.stdin.write('slow one\n');
    await cli.waitForStdout('FreeGpt');
    cli.child.kill('SIGINT');
    const [slow] = requestsTo(mirror);
    await slow!.closed;
    expect(slow!.clientClosed).toBe(true);
    cli.child.stdin.end('fast one\n');
    const result = await cli.exit;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('(reply cancelled');
    expect(result.stdout).toContain('You said: "fast one"');
    const last = requestsTo(mirror).at(-1)!.body as { messages: unknown[] };
    expect(last.messages).toEqual([{ role: 'user', content: 'fast one' }]);
  });

  it('exits 2 with one line for a bad --base-url, with stdin still open and --emulator running', async ({
    expect,
  }) => {
    // stdin stays open: the REPL must stop reading it and exit on a setting error, not wait for input.
    const cli = startCli(['repl', '--emulator', '--base-url', 'notaurl']);
    const result = await cli.exit;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^freechat: invalid --base-url: expected a URL starting with http:\/\/ or https:\/\/, got "notaurl"\n$/,
    );
    expect(result.stdout).toBe('');
  });

  it('exits 1 when the last question failed, 0 when a later one was answered', async ({
    expect,
  }) => {
    const site = emulator.sites.aichatfree;
    const mirror = emulator.mirrors.freegpt[1]!;
    // A Cloudflare challenge is not retried: each scenario step is one failed turn.
    emulator.scenario(site, { fault: 'cloudflare' }, { fault: 'cloudflare' });
    emulator.scenario(mirror, { fault: 'cloudflare' });
    const [failed, recovered] = await Promise.all([
      runCli(['repl', '-p', 'aichatfree', '--base-url', site], { input: 'one\ntwo\n' }),
      runCli(['repl', '-p', 'freegpt', '--base-url', mirror], { input: 'fails\nanswered\n' }),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.match(/^freechat: aichatfree: CloudflareError/gm)).toHaveLength(2);
    expect(recovered.code).toBe(0);
    expect(recovered.stderr).toContain('freechat: freegpt: CloudflareError');
    expect(recovered.stdout).toContain('You said: "answered"');
  });
});
