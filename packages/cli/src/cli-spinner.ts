import { createSpinner } from 'nanospinner';
import type { CliIO } from './cli-io.js';

/** A spinner that may be off; `stop()` clears it and may be called more than once. */
export interface CliSpinner {
  /** Clears the spinner's line and stops it. */
  stop(): void;
}

/**
 * Shows a spinner on stderr while waiting, only when stderr and stdout are both terminals (nanospinner
 * decides how to draw from stdout, so with stdout piped it could not erase itself) and `CI` is unset.
 * It never installs signal handlers: Ctrl-C stays the command's to handle.
 */
export function startSpinner(io: CliIO, text: string): CliSpinner {
  if (io.stderr.isTTY !== true || io.stdout.isTTY !== true || io.env.CI !== undefined) {
    return { stop() {} };
  }
  // The guard above means stderr is a real terminal stream, which is what nanospinner draws on.
  const spinner = createSpinner(text, { stream: io.stderr as NodeJS.WriteStream, color: 'cyan' });
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
