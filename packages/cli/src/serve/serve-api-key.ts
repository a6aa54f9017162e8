import { UsageError } from '../commands/usage-error.js';
import { readSecretFile } from '../connection/bounded-read.js';
import { nonBlank } from '../connection/option-values.js';
import type { CliIO } from '../terminal/io.js';

/**
 * The API key of `--api-key-file`: the file's trimmed contents (the flag's source of the server's
 * `apiKey`, over `FREECHAT_API_KEY` and the config file's). Never taken from the command line itself,
 * where every user of the machine could read it (`ps`); the message of an error never holds the key.
 * A key file other users may read gets a warning on stderr.
 *
 * @throws UsageError for `--api-key` (naming the two ways to give a key), or a key file that cannot be
 * read, is over 64 KiB or holds nothing but blanks.
 */
export function readServeApiKey(
  flags: { apiKey?: string; apiKeyFile?: string },
  io: Pick<CliIO, 'stderr'>,
): string | undefined {
  if (flags.apiKey !== undefined) {
    throw new UsageError(
      '--api-key is not accepted: a key on the command line is visible to every user in `ps`. ' +
        'Set FREECHAT_API_KEY or use --api-key-file <path>.',
    );
  }
  if (flags.apiKeyFile === undefined) return undefined;
  const key = nonBlank(readSecretFile(flags.apiKeyFile, '--api-key-file', io));
  if (key === undefined) throw new UsageError(`--api-key-file: "${flags.apiKeyFile}" is empty`);
  return key;
}

/**
 * Where the keys `freechat serve` requires came from, for the banner's examples (which never show a
 * key): the `FREECHAT_API_KEY` variable, the file of `--api-key-file`, or `apiKey` in the file of
 * `--config`.
 */
export type ApiKeySource =
  | { from: 'environment' }
  | { from: 'key-file'; path: string }
  | { from: 'config'; path: string };

/**
 * Where the server's `apiKey` came from, with the precedence `readServeSettings` applies: the flag
 * (`--api-key-file`), then `FREECHAT_API_KEY`, then the config file; undefined when none gave one.
 */
export function apiKeySource(
  flags: { apiKeyFile?: string; config?: string },
  env: Readonly<Record<string, string | undefined>>,
  config: { apiKey?: unknown },
): ApiKeySource | undefined {
  if (flags.apiKeyFile !== undefined) return { from: 'key-file', path: flags.apiKeyFile };
  if (nonBlank(env.FREECHAT_API_KEY) !== undefined) return { from: 'environment' };
  if (config.apiKey !== undefined && flags.config !== undefined) {
    return { from: 'config', path: flags.config };
  }
  return undefined;
}
