import { readFile } from 'node:fs/promises';
import { UsageError } from '../commands/usage-error.js';
import { nonBlank } from '../connection/option-values.js';

/**
 * The API key `freechat serve` requires: the trimmed contents of `--api-key-file`, else
 * `FREECHAT_API_KEY`, else none. Never taken from the command line itself, where every user of the
 * machine could read it (`ps`); the message of an error never holds the key.
 *
 * @throws UsageError for `--api-key` (naming the two ways to give a key), or a key file that cannot be
 * read or holds nothing but blanks.
 */
export async function readServeApiKey(
  flags: { apiKey?: string; apiKeyFile?: string },
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  if (flags.apiKey !== undefined) {
    throw new UsageError(
      '--api-key is not accepted: a key on the command line is visible to every user in `ps`. ' +
        'Set FREECHAT_API_KEY or use --api-key-file <path>.',
    );
  }
  if (flags.apiKeyFile === undefined) return nonBlank(env.FREECHAT_API_KEY);
  let text: string;
  try {
    text = await readFile(flags.apiKeyFile, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(
      `--api-key-file: cannot read "${flags.apiKeyFile}"${typeof code === 'string' ? ` (${code})` : ''}`,
    );
  }
  const key = nonBlank(text);
  if (key === undefined) throw new UsageError(`--api-key-file: "${flags.apiKeyFile}" is empty`);
  return key;
}
