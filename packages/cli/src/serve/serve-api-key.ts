import { UsageError } from '../commands/usage-error.js';
import { readSecretFile } from '../connection/bounded-read.js';
import { nonBlank } from '../connection/option-values.js';
import type { CliIO } from '../terminal/io.js';

/**
 * Where the keys `freechat serve` requires came from, for the banner's examples (which never show a
 * key): the `FREECHAT_API_KEY` variable, the file of `--api-key-file`, or `apiKeys` in the file of
 * `--config`.
 */
export type ApiKeySource =
  | { from: 'environment' }
  | { from: 'key-file'; path: string }
  | { from: 'config'; path: string };

/**
 * The keys `freechat serve` requires (see {@link readServeApiKey}), else `configKeys` (the
 * `apiKeys` of the file that `flags.config` names, keys or key settings), and where they came from;
 * none when neither gives one.
 *
 * @throws UsageError as {@link readServeApiKey} does.
 */
export function readServeApiKeys<KEY>(
  flags: { apiKey?: string; apiKeyFile?: string; config?: string },
  io: Pick<CliIO, 'env' | 'stderr'>,
  configKeys: readonly KEY[] | undefined,
): { apiKey: string | readonly KEY[] | undefined; source: ApiKeySource | undefined } {
  const key = readServeApiKey(flags, io);
  if (key !== undefined) {
    const source: ApiKeySource =
      flags.apiKeyFile === undefined
        ? { from: 'environment' }
        : { from: 'key-file', path: flags.apiKeyFile };
    return { apiKey: key, source };
  }
  if (configKeys === undefined) return { apiKey: undefined, source: undefined };
  // The config file's keys come from the file that --config names.
  return { apiKey: configKeys, source: { from: 'config', path: flags.config! } };
}

/**
 * The API key `freechat serve` requires: the trimmed contents of `--api-key-file`, else
 * `FREECHAT_API_KEY`, else none. Never taken from the command line itself, where every user of the
 * machine could read it (`ps`); the message of an error never holds the key. A key file other users
 * may read gets a warning on stderr.
 *
 * @throws UsageError for `--api-key` (naming the two ways to give a key), or a key file that cannot be
 * read, is over 64 KiB or holds nothing but blanks.
 */
export function readServeApiKey(
  flags: { apiKey?: string; apiKeyFile?: string },
  io: Pick<CliIO, 'env' | 'stderr'>,
): string | undefined {
  if (flags.apiKey !== undefined) {
    throw new UsageError(
      '--api-key is not accepted: a key on the command line is visible to every user in `ps`. ' +
        'Set FREECHAT_API_KEY or use --api-key-file <path>.',
    );
  }
  if (flags.apiKeyFile === undefined) return nonBlank(io.env.FREECHAT_API_KEY);
  const key = nonBlank(readSecretFile(flags.apiKeyFile, '--api-key-file', io));
  if (key === undefined) throw new UsageError(`--api-key-file: "${flags.apiKeyFile}" is empty`);
  return key;
}
