import { PassThrough } from 'node:stream';
import type { CliIO } from '../src/terminal/io.js';
import { createTestIO } from './test-cli-io.js';

/**
 * A test IO whose stdin and stdout are terminals, as in an interactive shell: what the test writes
 * to `stdin` is typed (`\r` is Enter, `\x03` Ctrl-C, `\x04` Ctrl-D), and `output()` is everything the
 * REPL and readline wrote to the screen.
 */
export function createTerminalIO(env: Record<string, string>) {
  const test = createTestIO({ env });
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  let output = '';
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const io: CliIO = { ...test.io, stdin, stdout };
  /** Resolves once `done(output)` holds. */
  const until = (done: (shown: string) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!done(output)) return;
        stdout.off('data', check);
        resolve();
      };
      stdout.on('data', check);
      check();
    });
  return {
    io,
    stdin,
    output: () => output,
    stderr: test.stderr,
    /** Resolves once the prompt has been drawn `count` times (readline redraws it after an edit). */
    prompted: (count: number) => until((shown) => shown.split('you> ').length - 1 >= count),
    /** Resolves once `text` is on the screen. */
    shown: (text: string) => until((shown) => shown.includes(text)),
  };
}
