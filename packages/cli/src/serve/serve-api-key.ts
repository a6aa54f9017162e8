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
