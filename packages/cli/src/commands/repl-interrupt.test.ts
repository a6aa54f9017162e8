import { type Emulator, emulatedReplyText, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalIO } from '../../test/test-terminal-io.js';
import { runCli } from '../main.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';

/** Starts the REPL at a terminal against the emulator's free2gpt, with no history file. */
function startRepl() {
  const terminal = createTerminalIO({ XDG_STATE_HOME: '/nonexistent/state' });
  const site = emulator.sites.free2gpt;
  const exit = runCli(['repl', '-p', 'free2gpt', '--base-url', site], terminal.io);
  const sent = () => emulator.requests.filter((request) => request.baseURL === site);
  const exited = exit.then((code) => {
    throw new Error(`the REPL ended with ${code}`);
  });
  exited.catch(() => {});
  /** Resolves once the prompt was drawn `count` times; rejects if the REPL ends first. */
  const prompted = (count: number) => Promise.race([terminal.prompted(count), exited]);
  return { ...terminal, exit, sent, prompted };
}

describe('Ctrl-C at the REPL prompt', () => {
  it('clears a half-typed line and keeps the conversation; on an empty line it leaves with 130', async () => {
    const repl = startRepl();
    await repl.prompted(1);
    repl.stdin.write('first question\r');
    const first = { role: 'user' as const, content: 'first question' };
    const firstReply = emulatedReplyText('free2gpt', [first]);
    await repl.shown(firstReply);
    // Back at the prompt: the reply's turn is over.
    await repl.prompted(2);
    repl.stdin.write(`half typed${CTRL_C}`);
    repl.stdin.write('second question\r');
    const conversation = [
      first,
      { role: 'assistant' as const, content: firstReply },
      { role: 'user' as const, content: 'second question' },
    ];
    // Prompts: the first, after the first reply, redrawn when the line was cleared, after the second.
    await repl.prompted(4);
    expect(
      repl.sent().map((request) => (request.body as { messages: unknown[] }).messages),
    ).toEqual([[first], conversation]);
    repl.stdin.write(CTRL_C);
    expect(await repl.exit).toBe(130);
  });

  it('leaves with 0 on Ctrl-D after a line was cleared', async () => {
    const repl = startRepl();
    await repl.prompted(1);
    repl.stdin.write(`never sent${CTRL_C}`);
    repl.stdin.write(CTRL_D);
    expect(await repl.exit).toBe(0);
    expect(repl.stderr()).toBe('');
  });
});
