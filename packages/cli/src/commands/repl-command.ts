import { createInterface, type Interface } from 'node:readline/promises';
import type { Message, Provider } from '@freechat/core';
import type { Command } from 'commander';
import { addChatOptions, type ChatFlags, systemMessages } from '../connection/chat-options.js';
import {
  type Connection,
  openConnection,
  readConnectionSettings,
} from '../connection/connection.js';
import {
  DEFAULT_PROVIDER,
  type ProviderId,
  parseProviderIds,
} from '../connection/provider-registry.js';
import { colorsFor } from '../terminal/colors.js';
import { type CliIO, type CliSignal, signalExitCode } from '../terminal/io.js';
import { streamReply } from '../terminal/stream-reply.js';
import { type CommandContext, reportError, runAction } from './command-context.js';
import { historyPath, loadHistory, MAX_HISTORY_LINES, saveHistory } from './repl-history.js';
import { UsageError } from './usage-error.js';

const HELP = `Commands:
  /reset           forget the conversation
  /provider <ids>  switch provider (a comma list makes a fallback chain)
  /model <id>      switch model (/model alone: the provider's default)
  /help            show this list
  /exit            leave (Ctrl-D too)
Ctrl-C cancels a reply that is arriving, clears a line being typed, and on an empty line leaves.
`;

/** Defines `freechat repl` on `command`. */
export function configureReplCommand(command: Command, context: CommandContext): void {
  command.description('Talk in turns; the conversation is kept until /reset');
  addChatOptions(command, 'milliseconds until each reply starts (default 60000)');
  command.action((flags: ChatFlags) => runAction(context, () => runRepl(flags, context.io)));
}

/** The REPL's changing state: who answers, with which model, and what was said. */
interface Session {
  ids: ProviderId[];
  provider: Provider;
  model: string | undefined;
  /** The `--system` message, kept across `/reset`. */
  system: string | undefined;
  history: Message[];
}

/** How one question's turn ended. */
type TurnOutcome = 'answered' | 'cancelled' | 'failed';

/**
 * Runs an interactive conversation on stdin/stdout. Each line is a turn (or a `/command`); the
 * history goes with every request. Ctrl-C during a reply cancels that reply only; at the prompt it
 * clears a half-typed line, and on an empty line it ends the REPL, as SIGTERM does at any time. A bad
 * `--base-url` or `--proxy` ends it before the prompt.
 *
 * @returns 0 after `/exit` or end of input, 1 when the last question's reply failed (a cancelled
 * reply is not a failure), 2 for a usage mistake, 130/143 when stopped by a signal at the prompt.
 */
export async function runRepl(flags: ChatFlags, io: CliIO): Promise<number> {
  const ids = parseProviderIds(flags.provider ?? DEFAULT_PROVIDER);
  const connection = await openConnection(readConnectionSettings(flags, ids, io), io.env);
  try {
    // Created before stdin is read and the signals are taken: a bad base URL or proxy throws here,
    // and the command ends with its one-line error instead of waiting on a prompt nobody sees.
    const provider = connection.provider(ids);
    const session: Session = {
      ids,
      provider,
      model: checkModel(provider, flags.model),
      system: flags.system,
      history: [],
    };
    return await converse(session, connection, io);
  } finally {
    await connection.close();
  }
}

/** Reads turns until `/exit`, end of input or a signal; see {@link runRepl}. */
async function converse(session: Session, connection: Connection, io: CliIO): Promise<number> {
  const terminal = io.stdin.isTTY === true;
  const colors = colorsFor(io.stdout, io.env);
  const history = terminal ? historyPath(io.env) : undefined;
  const lines = createInterface({
    input: io.stdin,
    // With a terminal, readline echoes and edits on stdout, which is then the process's own stream.
    output: terminal ? (io.stdout as NodeJS.WritableStream) : undefined,
    terminal,
    history: history === undefined ? [] : loadHistory(history),
    historySize: MAX_HISTORY_LINES,
    removeHistoryDuplicates: true,
  });
  let historySaved = true;
  if (history !== undefined) {
    lines.on('history', (entries: string[]) => {
      // After one failure (a read-only home), the REPL stops trying rather than warn at every line.
      if (historySaved) historySaved = saveHistory(history, entries, io);
    });
  }
  let reply: AbortController | undefined;
  let stoppedBy: CliSignal | undefined;
  const interrupt = (signal: CliSignal) => {
    if (reply !== undefined && signal === 'SIGINT') {
      reply.abort();
      return;
    }
    reply?.abort();
    stoppedBy ??= signal;
    // The shell's prompt then starts on a line of its own.
    if (terminal) io.stdout.write('\n');
    lines.close();
  };
  // Ctrl-C typed at a terminal: readline reads it as a key and emits SIGINT on the interface.
  lines.on('SIGINT', () => {
    if (reply === undefined && lines.line !== '') clearTypedLine(lines);
    else interrupt('SIGINT');
  });
  const unsubscribe = io.onSignal(interrupt);
  let closed = false;
  lines.on('close', () => {
    closed = true;
  });
  const prompt = () => {
    // Input may end (Ctrl-D, a pipe) while a line is handled; a closed readline takes no prompt.
    if (terminal && !closed) lines.prompt();
  };
  let lastTurn: TurnOutcome | undefined;
  try {
    if (terminal) {
      io.stdout.write(
        `${colors.bold('freechat repl')} with ${describe(session)}. /help for commands.\n`,
      );
      lines.setPrompt(colors.cyan('you> '));
    }
    prompt();
    let exited = false;
    for await (const line of lines) {
      const input = line.trim();
      if (input.startsWith('/')) {
        exited = runSlashCommand(input, session, connection, io) === 'exit';
        if (exited) break;
      } else if (input !== '') {
        reply = new AbortController();
        lastTurn = await answer(session, input, reply.signal, connection, io);
        reply = undefined;
      }
      prompt();
    }
    if (stoppedBy !== undefined) return signalExitCode(stoppedBy);
    // Ctrl-D leaves the cursor after the prompt.
    if (terminal && !exited) io.stdout.write('\n');
    return lastTurn === 'failed' ? 1 : 0;
  } finally {
    unsubscribe();
    lines.close();
  }
}

/** Forgets the line being typed and erases it from the screen, leaving the prompt: Ctrl-E, then Ctrl-U. */
function clearTypedLine(lines: Interface): void {
  lines.write(null, { ctrl: true, name: 'e' });
  lines.write(null, { ctrl: true, name: 'u' });
}

async function answer(
  session: Session,
  input: string,
  signal: AbortSignal,
  connection: Connection,
  io: CliIO,
): Promise<TurnOutcome> {
  const question: Message = { role: 'user', content: input };
  const messages = [...systemMessages(session.system), ...session.history, question];
  try {
    const request = { messages, model: session.model, signal };
    const text = await streamReply(session.provider, request, io, 'Thinking…');
    session.history.push(question, { role: 'assistant', content: text });
    return 'answered';
  } catch (error) {
    if (signal.aborted) {
      io.stderr.write('(reply cancelled; it is not kept in the conversation)\n');
      return 'cancelled';
    }
    reportError(io, error, connection);
    return 'failed';
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
        const provider = connection.provider(ids);
        // A model the new provider does not serve goes back to its default.
        session.model =
          session.model !== undefined && provider.models.includes(session.model)
            ? session.model
            : undefined;
        session.provider = provider;
        session.ids = ids;
        io.stderr.write(`(now ${describe(session)})\n`);
      } catch (error) {
        reportError(io, error);
      }
      break;
    case '/model':
      try {
        session.model = checkModel(session.provider, argument === '' ? undefined : argument);
        io.stderr.write(`(now ${describe(session)})\n`);
      } catch (error) {
        reportError(io, error);
      }
      break;
    case '/help':
      io.stderr.write(HELP);
      break;
    default:
      io.stderr.write(`unknown command ${name}\n${HELP}`);
  }
  return 'continue';
}

/**
 * `model` when `provider` serves it.
 *
 * @throws UsageError naming the models it serves.
 */
function checkModel(provider: Provider, model: string | undefined): string | undefined {
  if (model === undefined || provider.models.includes(model)) return model;
  throw new UsageError(
    `${provider.id} does not serve the model "${model}"; choose from ${provider.models.join(', ')}`,
  );
}

function describe(session: Session): string {
  return `${session.ids.join(', ')} (model ${session.model ?? session.provider.defaultModel})`;
}
