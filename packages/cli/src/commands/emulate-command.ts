import type { Command } from 'commander';
import { DEFAULT_SERVE_PORT } from '../serve/serve-command.js';
import { colorsFor } from '../terminal/colors.js';
import { type CliIO, stopOnSignal } from '../terminal/io.js';
import { type CommandContext, runAction } from './command-context.js';

/**
 * The port `freechat emulate` listens on when `--port` is not given: not the emulator's own default
 * (8787), which is also {@link DEFAULT_SERVE_PORT}, so that both can run side by side.
 */
export const DEFAULT_EMULATE_PORT = 8790;

/**
 * Defines `freechat emulate [options]` on `command`: the emulator's own command line, named
 * `freechat emulate` and listening on {@link DEFAULT_EMULATE_PORT} by default, which parses its
 * options itself, `--help` included.
 */
export function configureEmulateCommand(command: Command, context: CommandContext): void {
  command
    .description(
      `Run a local emulator of the four sites (--port, default ${DEFAULT_EMULATE_PORT}; --host, --delay, --chunk-size; --help for more)`,
    )
    .argument('[options...]', "the emulator's options")
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action((options: string[]) => runAction(context, () => runEmulate(options, context.io)));
}

/**
 * Runs the emulator until SIGINT or SIGTERM.
 *
 * @returns 0 after a clean stop (Ctrl-C or SIGTERM) or `--help`, 1 when it cannot listen (the port is
 * in use), 2 after a bad option.
 */
export async function runEmulate(options: readonly string[], io: CliIO): Promise<number> {
  const stop = stopOnSignal(io);
  try {
    const { runEmulatorCommand } = await import('@freechat/emulator');
    return await runEmulatorCommand(options, {
      stdout: io.stdout,
      stderr: io.stderr,
      signal: stop.signal,
      name: 'freechat emulate',
      defaultPort: DEFAULT_EMULATE_PORT,
    });
  } catch (error) {
    // Could not listen: 1, as for `serve`.
    const reason = (error as { code?: unknown }).code;
    if (reason !== 'EADDRINUSE' && reason !== 'EACCES' && reason !== 'EADDRNOTAVAIL') throw error;
    io.stderr.write(
      `${colorsFor(io.stderr, io.env).red('freechat:')} the emulator cannot listen: ${(error as Error).message}${reason === 'EADDRINUSE' ? '; choose another port with --port (0 picks a free one)' : ''}\n`,
    );
    return 1;
  } finally {
    stop.release();
  }
}
