import { Command, CommanderError } from 'commander';
import { configureChatCommand } from './commands/chat-command.js';
import { configureCheckCommand } from './commands/check-command.js';
import type { CommandContext } from './commands/command-context.js';
import { configureEmulateCommand } from './commands/emulate-command.js';
import { configureProvidersCommand } from './commands/providers-command.js';
import { configureReplCommand } from './commands/repl-command.js';
import { configureServeCommand } from './serve/serve-command.js';
import { colorsFor } from './terminal/colors.js';
import { escapeControls } from './terminal/escape-controls.js';
import { type CliIO, processIO } from './terminal/io.js';
import { cliVersion } from './version.js';

/**
 * Runs the `freechat` command line with `argv` (without the node and script paths).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2));
 * @returns The exit code: 0 on success, 1 when providers failed, 2 for a usage mistake, 130 after Ctrl-C.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  const context: CommandContext = {
    io,
    setExitCode(code) {
      exitCode = code;
    },
  };
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return error.exitCode === 0 ? 0 : 2;
  }
  return exitCode;
}

/** Builds the commander program; every command's action reports its exit code to `context`. */
export function createProgram(context: CommandContext): Command {
  const { io } = context;
  const colors = colorsFor(io.stderr, io.env);
  const program = new Command('freechat')
    .description(
      'Chat with the free Gemini-backed sites from a terminal, or serve them as an OpenAI-compatible API.',
    )
    .version(cliVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // The line may quote the command line's own words, which may hold control characters.
      outputError: (text, write) =>
        write(`${colors.red('freechat:')} ${escapeControls(text.replace(/^error: /, ''))}`),
    })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError();
  program.addHelpText(
    'after',
    `
Examples:
  freechat chat "Why is the sky blue?"
  echo "Summarise this" | freechat chat -p freegpt,free2gpt
  freechat repl
  freechat check
  freechat serve --emulator

Exit codes: 0 ok, 1 the provider failed, 2 usage mistake, 130 interrupted (Ctrl-C).`,
  );
  configureChatCommand(program.command('chat'), context);
  configureReplCommand(program.command('repl'), context);
  configureServeCommand(program.command('serve'), context);
  configureProvidersCommand(program.command('providers'), context);
  configureCheckCommand(program.command('check'), context);
  configureEmulateCommand(program.command('emulate'), context);
  return program;
}
