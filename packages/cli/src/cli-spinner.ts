import { createSpinner } from 'nanospinner';
import type { CliIO } from './cli-io.js';

/** A spinner that may be off; `stop()` clears it and may be called more than once. */
export interface CliSpinner {
  /** Clears the spinner's line and stops it. */
  stop(): void;
}

/**
 * Shows a spinner on stderr while waiting, only when stderr and stdout are both terminals (nanospinner
 * decides how to draw from stdout, so with stdout piped it could not erase itself), the terminal has
 * a width (nanospinner never stops erasing lines on one of width 0) and `CI` is unset.
 * It never installs signal handlers: Ctrl-C stays the command's to handle.
 */
export function startSpinner(io: CliIO, text: string): CliSpinner {
  const { stderr, stdout, env } = io;
  const terminal = stderr.isTTY === true && stdout.isTTY === true && (stderr.columns ?? 0) > 0;
  if (!terminal || env.CI !== undefined) {
    return { stop() {} };
  }
  // The guard above means stderr is a real terminal stream, which is what nanospinner draws on.
  const spinner = createSpinner(text, { stream: stderr as NodeJS.WriteStream, color: 'cyan' });
  // `loop()` draws without `start()`'s SIGINT/SIGTERM handlers, which would call process.exit.
  spinner.loop();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      spinner.stop();
    },
  };
}
