import type { Command } from 'commander';
import { type CommandContext, runAction } from './cli-command-context.js';
import type { CliIO } from './cli-io.js';

/**
 * Defines `freechat emulate [options]` on `command`: the emulator's own command line
 * (`freechat-emulator`), which parses its options itself, `--help` included.
 */
export function configureEmulateCommand(command: Command, context: CommandContext): void {
  command
    .description(
      'Run a local emulator of the four sites (--port, --host, --delay, --chunk-size; --help for more)',
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
 * @returns 0 after a clean stop or `--help`, 2 after a bad option.
 */
export async function runEmulate(options: readonly string[], io: CliIO): Promise<number> {
  const controller = new AbortController();
  const unsubscribe = io.onSignal(() => controller.abort());
  try {
    const { runEmulatorCommand } = await import('@freechat/emulator');
    return await runEmulatorCommand(options, {
      stdout: io.stdout,
      stderr: io.stderr,
      signal: controller.signal,
    });
  } finally {
    unsubscribe();
  }
}
