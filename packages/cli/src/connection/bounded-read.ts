import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { UsageError } from '../commands/usage-error.js';
import type { CliInput, CliIO } from '../terminal/io.js';

/**
 * The most bytes read from a file that holds one secret (`--password-file`, `--api-key-file`). A
 * password or key is a few hundred bytes at most; 64 KiB leaves room for any real one, and a wrong path
 * (a log, a binary, `/dev/zero`) is refused after 64 KiB instead of filling the memory.
 */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

/**
 * The most bytes read from a config file (`serve --config`). The example config is 2 KiB, and one
 * with a thousand sites is about 100 KiB. Parsing YAML takes 70 to 220 times the text's size in
 * memory (measured: 23 MiB of config, 1.65 GB; 1 MiB of dense flow mappings, 220 MB), so 1 MiB keeps a
 * wrong file to a few hundred MB.
 */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/**
 * The most bytes of a question read from stdin (`freechat chat < file`): about the most text a 1M-token
 * model context holds, and four times the server's default body limit.
 */
export const MAX_STDIN_QUESTION_BYTES = 4 * 1024 * 1024;

/**
 * The most bytes of the REPL's history file read: its end, where the newest lines are. It keeps 500
 * lines, 2 KiB each on average fit; with longer (pasted) lines, the newest that fit are read.
 */
export const MAX_HISTORY_BYTES = 1024 * 1024;

/** The bits of a file's mode that let its group or other users read, write or run it. */
const GROUP_OR_OTHERS = 0o077;

/**
 * The text of the file at `path` (UTF-8), read through one descriptor in pieces, never more than
 * `limit + 1` bytes: a regular file over the limit is refused from its size alone, and a device or pipe
 * (`/dev/zero`, `<(…)`) is read until it ends or passes the limit.
 *
 * @param option The option that named the file, for the error (`--config`).
 * @throws UsageError naming the option, the file and, for one too large, the limit.
 */
export function readBoundedFile(path: string, option: string, limit: number): string {
  return readFile(path, option, limit).text;
}

/**
 * {@link readBoundedFile} for a file that holds a secret, with {@link MAX_SECRET_FILE_BYTES} as its
 * limit. A regular file that its group or other users may read gets a warning on stderr that names
 * it and says how to fix it; it is read all the same.
 *
 * @throws UsageError as {@link readBoundedFile} does; its message never holds the file's contents.
 */
export function readSecretFile(path: string, option: string, io: Pick<CliIO, 'stderr'>): string {
  const { text, stats } = readFile(path, option, MAX_SECRET_FILE_BYTES);
  const mode = stats.mode & 0o777;
  if (stats.isFile() && (mode & GROUP_OR_OTHERS) !== 0) {
    io.stderr.write(
      `freechat: warning: ${option} "${path}" is open to other users (mode ${mode.toString(8).padStart(3, '0')}); make it yours alone: chmod 600 "${path}"\n`,
    );
  }
  return text;
}

/**
 * The end of a text file, at most `limit` bytes of it, from the first line that starts within them;
 * the whole file when it is smaller. The file is read through one descriptor from that offset on.
 *
 * @throws The error of opening or reading it (`ENOENT`, `EACCES`, …).
 */
export function readLastLines(path: string, limit: number): string {
  const descriptor = openSync(path, 'r');
  try {
    const size = fstatSync(descriptor).size;
    const start = Math.max(0, size - limit);
    const buffer = Buffer.alloc(Math.min(size, limit));
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, start + length);
      if (read === 0) break;
      length += read;
    }
    const text = buffer.toString('utf8', 0, length);
    // A cut in the middle of a line drops that line's beginning: the rest is not a line.
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The text of `input` (UTF-8) until it ends.
 *
 * @param what What the input holds, for the error (`the question on stdin`).
 * @throws UsageError once more than `limit` bytes arrived; the input is not read further.
 */
export async function readBoundedInput(
  input: CliInput,
  what: string,
  limit: number,
): Promise<string> {
  const pieces: Buffer[] = [];
  let length = 0;
  for await (const chunk of input) {
    const piece = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += piece.length;
    if (length > limit) throw new UsageError(`${what} is larger than ${formatBytes(limit)}`);
    pieces.push(piece);
  }
  return Buffer.concat(pieces, length).toString('utf8');
}

function readFile(path: string, option: string, limit: number): { text: string; stats: Stats } {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw cannotRead(path, option, error);
  }
  const tooLarge = () =>
    new UsageError(
      `${option}: "${path}" is larger than ${formatBytes(limit)}, the most freechat reads for it`,
    );
  try {
    const stats = fstatSync(descriptor);
    if (stats.isFile() && stats.size > limit) throw tooLarge();
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > limit) throw tooLarge();
    return { text: buffer.toString('utf8', 0, length), stats };
  } catch (error) {
    throw error instanceof UsageError ? error : cannotRead(path, option, error);
  } finally {
    closeSync(descriptor);
  }
}

function cannotRead(path: string, option: string, error: unknown): UsageError {
  const code = (error as { code?: unknown }).code;
  return new UsageError(
    `${option}: cannot read "${path}"${typeof code === 'string' ? ` (${code})` : ''}`,
  );
}

/** `64 KiB`, `1 MiB`: a limit as people read it. */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
