import type { Command } from 'commander';
import { MAX_STDIN_QUESTION_BYTES, readBoundedInput } from '../connection/bounded-read.js';
import { addChatOptions, type ChatFlags, systemMessages } from '../connection/chat-options.js';
import { openConnection, readConnectionSettings } from '../connection/connection.js';
import { DEFAULT_PROVIDER, parseProviderIds } from '../connection/provider-registry.js';
import { type CliIO, signalExitCode, stopOnSignal } from '../terminal/io.js';
import { streamReply } from '../terminal/stream-reply.js';
import { type CommandContext, reportError, runAction } from './command-context.js';
import { UsageError } from './usage-error.js';

/** Defines `freechat chat [text...]` on `command`. */
export function configureChatCommand(command: Command, context: CommandContext): void {
  command
    .description('Ask once and stream the answer to stdout (text from the arguments or stdin)')
    .argument('[text...]', 'what to ask; read from stdin when omitted');
  addChatOptions(command, 'milliseconds until the reply starts (default 60000)');
  command.action((words: string[], flags: ChatFlags) =>
    runAction(context, () => runChat(words, flags, context.io)),
  );
}

/**
 * Sends one question and writes the reply to stdout as it arrives, then a newline. Ctrl-C cancels
 * the request and returns 130.
 *
 * @returns The exit code: 0, 1 when the provider failed, 2 for a usage mistake, 130/143 when stopped.
 */
export async function runChat(
  words: readonly string[],
  flags: ChatFlags,
  io: CliIO,
): Promise<number> {
  if (flags.site !== undefined && flags.provider !== undefined) {
    throw new UsageError('--site replaces -p: give one or the other');
  }
  const ids = parseProviderIds(flags.provider ?? DEFAULT_PROVIDER);
  const settings = readConnectionSettings(flags, ids, io);
  const text = words.length > 0 ? words.join(' ') : await readQuestion(io);
  const messages = [...systemMessages(flags.system), { role: 'user' as const, content: text }];
  const connection = await openConnection(settings, io.env);
  const stop = stopOnSignal(io);
  try {
    const provider = connection.provider(ids);
    const request = { messages, model: flags.model, signal: stop.signal };
    const asking = settings.site === undefined ? ids.join(', ') : provider.label;
    await streamReply(provider, request, io, `Asking ${asking}…`);
    return 0;
  } catch (error) {
    const stoppedBy = stop.stoppedBy();
    if (stoppedBy !== undefined) return signalExitCode(stoppedBy);
    return reportError(io, error, connection);
  } finally {
    stop.release();
    await connection.close();
  }
}

async function readQuestion(io: CliIO): Promise<string> {
  if (io.stdin.isTTY === true) {
    throw new UsageError('nothing to ask: give the text as an argument or pipe it on stdin');
  }
  const text = await readBoundedInput(io.stdin, 'the question on stdin', MAX_STDIN_QUESTION_BYTES);
  if (text.trim() === '') throw new UsageError('nothing to ask: stdin was empty');
  return text.trim();
}
