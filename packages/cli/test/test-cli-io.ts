import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import type { CliIO, CliSignal } from '../src/terminal/io.js';

/**
 * A {@link CliIO} for in-process tests: fixed stdin and environment, collected output, fake signals.
 * With `terminal`, stdout says it is a terminal (stdin and stderr do not).
 */
export function createTestIO(
  options: { input?: string; env?: Record<string, string>; terminal?: boolean } = {},
) {
  let stdout = '';
  let stderr = '';
  const signals = new EventEmitter();
  const written = new EventEmitter();
  const io: CliIO = {
    stdin: Readable.from([options.input ?? ''], { objectMode: false }),
    stdout: {
      isTTY: options.terminal === true,
      write(text: string) {
        stdout += text;
        written.emit('stdout');
        return true;
      },
    },
    stderr: {
      write(text: string) {
        stderr += text;
        return true;
      },
    },
    env: { NO_COLOR: '1', ...options.env },
    onSignal(listener) {
      signals.on('signal', listener);
      return () => signals.off('signal', listener);
    },
  };
  return {
    io,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Resolves with stdout once it contains `marker`. */
    waitForStdout: (marker: string) =>
      new Promise<string>((resolve) => {
        const check = () => {
          if (!stdout.includes(marker)) return;
          written.off('stdout', check);
          resolve(stdout);
        };
        written.on('stdout', check);
        check();
      }),
    /** Delivers a signal to the command's listeners. */
    send: (signal: CliSignal) => signals.emit('signal', signal),
  };
}
