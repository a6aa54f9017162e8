import type { Message } from '@freechat/core';
import type { Command } from 'commander';
import { addConnectionOptions, type ConnectionFlags } from './connection.js';
import { DEFAULT_PROVIDER } from './provider-registry.js';

/** The options of `freechat chat` and `freechat repl`, as commander collects them. */
export interface ChatFlags extends ConnectionFlags {
  /** `-p`: a provider id or a comma list (a fallback chain). */
  provider?: string;
  /** `-m`: the model. */
  model?: string;
  /** `-s`: a system message (the REPL keeps it across `/reset`). */
  system?: string;
}

/** Adds `-p`, `-m`, `-s` and the connection options, which `chat` and `repl` share. */
export function addChatOptions(command: Command, timeoutHelp: string): Command {
  command
    .option(
      '-p, --provider <ids>',
      `provider id, or a comma list tried in turn (default ${DEFAULT_PROVIDER})`,
    )
    .option('-m, --model <id>', "model id (default: the provider's own)")
    .option('-s, --system <text>', 'system message');
  return addConnectionOptions(command, timeoutHelp);
}

/** The conversation's opening: the `-s` (`--system`) message, when one was given. */
export function systemMessages(system: string | undefined): Message[] {
  return system === undefined || system === '' ? [] : [{ role: 'system', content: system }];
}
