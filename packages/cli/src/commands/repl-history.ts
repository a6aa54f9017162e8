import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { MAX_HISTORY_BYTES, readLastLines } from '../connection/bounded-read.js';
import { nonBlank } from '../connection/option-values.js';
import type { CliIO } from '../terminal/io.js';

/** The most lines the REPL's history file keeps: the newest. */
export const MAX_HISTORY_LINES = 500;

/**
 * Where the REPL keeps the lines typed, across runs: `$XDG_STATE_HOME/freechat/history`, else
 * `~/.local/state/freechat/history`.
 */
export function historyPath(env: CliIO['env'], home: string = homedir()): string {
  const state = nonBlank(env.XDG_STATE_HOME) ?? join(home, '.local', 'state');
  return join(state, 'freechat', 'history');
}

/**
 * The saved lines, newest first (readline's order), from the file's last {@link MAX_HISTORY_BYTES};
 * none when the file is missing or unreadable.
 */
export function loadHistory(path: string): string[] {
  try {
    return readLastLines(path, MAX_HISTORY_BYTES)
      .split('\n')
      .filter((line) => line !== '')
      .reverse()
      .slice(0, MAX_HISTORY_LINES);
  } catch {
    return [];
  }
}

/**
 * Saves the newest {@link MAX_HISTORY_LINES} of `history` (newest first), oldest line first in the
 * file, readable by the user only (the lines are conversations). A failure to write is reported on
 * stderr once and otherwise ignored: the REPL goes on.
 */
export function saveHistory(path: string, history: readonly string[], io: CliIO): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const lines = history.slice(0, MAX_HISTORY_LINES).reverse();
    writeFileSync(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`, { mode: 0o600 });
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    io.stderr.write(
      `(history not saved to ${path}${typeof code === 'string' ? `: ${code}` : ''})\n`,
    );
    return false;
  }
}
