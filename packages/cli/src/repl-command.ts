import { createInterface } from 'node:readline/promises';
import type { Message, Provider } from '@freechat/core';
import type { Command } from 'commander';
import { colorsFor } from './cli-colors.js';
import { type CommandContext, reportError, runAction } from './cli-command-context.js';
import {
  addConnectionOptions,
  type Connection,
  type ConnectionFlags,
  openConnection,
  readConnectionSettings,
} from './cli-connection.js';
import { type CliIO, type CliSignal, signalExitCode } from './cli-io.js';
import { systemMessages } from './cli-messages.js';
import { DEFAULT_PROVIDER, type ProviderId, parseProviderIds } from './cli-provider-registry.js';
import { startSpinner } from './cli-spinner.js';

/** The options of `freechat repl`, as commander collects them. */
export interface ReplFlags extends ConnectionFlags {
  /** `-p`: a provider id or a comma list (a fallback chain). */
  provider?: string;
  /** `-m`: the model. */
  model?: string;
  /** `-s`: a system message, kept across `/reset`. */
  system?: string;
}

const HELP = `Commands:
  /reset           forget the conversation
  /provider <ids>  switch provider (a comma list makes a fallback chain)
  /model <id>      switch model (/model alone: the provider's default)
  /help            show this list
  /exit            leave (Ctrl-D too)
Ctrl-C cancels a reply that is arriving.
`;

/** Defines `freechat repl` on `command`. */
export function configureReplCommand(command: Command, context: CommandContext): void {
  command
    .description('Talk in turns; the conversation is kept until /reset')
    .option(
      '-p, --provider <ids>',
      `provider id, or a comma list tried in turn (default ${DEFAULT_PROVIDER})`,
    )
    .option('-m, --model <id>', "model id (default: the provider's own)")
    .option('-s, --system <text>', 'system message');
  addConnectionOptions(command, 'milliseconds until each reply starts (default 60000)');
  command.action((flags: ReplFlags) => runAction(context, () => runRepl(flags, context.io)));
}

/** The REPL's changing state: who answers, with which model, and what was said. */
interface Session {
  ids: ProviderId[];
  provider: Provider;
  model: string | undefined;
  history: Message[];
}

/**
 * Runs an interactive conversation on stdin/stdout. Each line is a turn (or a `/command`); the
 * history goes with every request. Ctrl-C during a reply cancels that reply only; at the prompt, or
 * SIGTERM at any time, it ends the REPL.
 *
 * @returns 0 after `/exit` or end of input, 130/143 when stopped by a signal at the prompt.
 */
export async function runRepl(flags: ReplFlags, io: CliIO): Promise<number> {
  const ids = parseProviderIds(flags.provider ?? DEFAULT_PROVIDER);
  const connection = await openConnection(readConnectionSettings(flags, ids, io.env), io.env);
  const terminal = io.stdin.isTTY === true;
  const colors = colorsFor(io.stdout, io.env);
  const lines = createInterface({
    input: io.stdin,
    // With a terminal, readline echoes and edits on stdout, which is then the process's own stream.
    output: terminal ? (io.stdout as NodeJS.WritableStream) : undefined,
    terminal,
  });
  let reply: AbortController | undefined;
  let stoppedBy: CliSignal | undefined;
  const interrupt = (signal: CliSignal) => {
    if (reply !== undefined && signal === 'SIGINT') {
      reply.abort();
      return;
    }
    reply?.abort();
    stoppedBy ??= signal;
    lines.close();
  };
  lines.on('SIGINT', () => interrupt('SIGINT'));
  const unsubscribe = io.onSignal(interrupt);
  const session: Session = {
    ids,
    provider: connection.provider(ids),
    model: flags.model,
    history: [],
  };
  const prompt = () => {
    if (terminal) lines.prompt();
  };
  try {
    if (terminal) {
      io.stdout.write(
        `${colors.bold('freechat repl')} with ${describe(session)}. /help for commands.\n`,
      );
      lines.setPrompt(colors.cyan('you> '));
    }
    prompt();
    for await (const line of lines) {
      const input = line.trim();
      if (input.startsWith('/')) {
        if (runSlashCommand(input, session, connection, io) === 'exit') break;
      } else if (input !== '') {
        reply = new AbortController();
        await answer(session, input, flags.system, reply.signal, io);
        reply = undefined;
      }
      prompt();
    }
    return stoppedBy === undefined ? 0 : signalExitCode(stoppedBy);
  } finally {
    unsubscribe();
    lines.close();
    await connection.close();
  }
}

async function answer(
  session: Session,
  input: string,
  system: string | undefined,
  signal: AbortSignal,
  io: CliIO,
): Promise<void> {
  const question: Message = { role: 'user', content: input };
  const messages = [...systemMessages(system), ...session.history, question];
  const spinner = startSpinner(io, 'Thinking…');
  let text = '';
  try {
    for await (const piece of session.provider.stream({ messages, model: session.model, signal })) {
      spinner.stop();
      io.stdout.write(piece);
      text += piece;
    }
    spinner.stop();
    if (!text.endsWith('\n')) io.stdout.write('\n');
    session.history.push(question, { role: 'assistant', content: text });
  } catch (error) {
    spinner.stop();
    if (text !== '') io.stdout.write('\n');
    if (signal.aborted) io.stderr.write('(reply cancelled; it is not kept in the conversation)\n');
    else reportError(io, error);
  }
}

function runSlashCommand(
  input: string,
  session: Session,
  connection: Connection,
  io: CliIO,
): 'exit' | 'continue' {
  const [name, ...rest] = input.split(/\s+/);
  const argument = rest.join(' ');
  switch (name) {
    case '/exit':
    case '/quit':
      return 'exit';
    case '/reset':
      session.history.length = 0;
      io.stderr.write('(conversation forgotten)\n');
      break;
    case '/provider':
      try {
        const ids = parseProviderIds(argument);
        session.provider = connection.provider(ids);
        session.ids = ids;
        io.stderr.write(`(now ${describe(session)})\n`);
      } catch (error) {
        reportError(io, error);
      }
      break;
    case '/model':
      session.model = argument === '' ? undefined : argument;
      io.stderr.write(`(now ${describe(session)})\n`);
      break;
    case '/help':
      io.stderr.write(HELP);
      break;
    default:
      io.stderr.write(`unknown command ${name}\n${HELP}`);
  }
  return 'continue';
}

function describe(session: Session): string {
  return `${session.ids.join(', ')} (model ${session.model ?? session.provider.defaultModel})`;
}
