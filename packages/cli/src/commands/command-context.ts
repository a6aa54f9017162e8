import { colorsFor } from '../terminal/colors.js';
import { type ErrorContext, formatError } from '../terminal/error-format.js';
import type { CliIO } from '../terminal/io.js';

/** What every command's action gets from the program: the IO and where to put its exit code. */
export interface CommandContext {
  /** The streams, environment and signals of this run. */
  readonly io: CliIO;
  /** Records the run's exit code. */
  setExitCode(code: number): void;
}

/** Runs a command's body, reporting a thrown error as one line, and records its exit code. */
export async function runAction(
  context: CommandContext,
  body: () => Promise<number>,
): Promise<void> {
  let code: number;
  try {
    code = await body();
  } catch (error) {
    code = reportError(context.io, error);
  }
  context.setExitCode(code);
}

/**
 * Writes `freechat: <one line>` to stderr and returns the error's exit code; `context` (the run's
 * connection) names where a failed proxy was set.
 */
export function reportError(io: CliIO, error: unknown, context?: ErrorContext): number {
  const { line, exitCode } = formatError(error, context);
  io.stderr.write(`${colorsFor(io.stderr, io.env).red('freechat:')} ${line}\n`);
  return exitCode;
}
