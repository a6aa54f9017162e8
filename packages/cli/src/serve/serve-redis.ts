import { redactCredentials } from '@freechat/core';
import { UsageError } from '../commands/usage-error.js';
import { nonBlank } from '../connection/option-values.js';
import type { ServeConfig } from './serve-config.js';

/**
 * The Redis `freechat serve` shares its state through: `--redis`, else `FREECHAT_REDIS_URL`, else the
 * config file's `redis`, else none (state in this process).
 *
 * @throws UsageError for a `--redis` URL that holds a password: the command line is visible to every
 * user in `ps` (the message never shows it).
 */
export function readRedisURL(
  flags: { redis?: string },
  env: Readonly<Record<string, string | undefined>>,
  config: ServeConfig,
): string | undefined {
  const flag = nonBlank(flags.redis);
  if (flag !== undefined && redactCredentials(flag) !== flag) {
    throw new UsageError(
      '--redis: the URL holds credentials, which `ps` shows to every user. ' +
        `Set FREECHAT_REDIS_URL or "redis" in --config instead (got ${redactCredentials(flag)}).`,
    );
  }
  return flag ?? nonBlank(env.FREECHAT_REDIS_URL) ?? config.redis;
}

/** What the banner says of the state: in this process, or shared through Redis (credentials masked). */
export function describeState(redis: string | undefined, keyPrefix: string | undefined): string {
  if (redis === undefined) return 'in this process (one replica)';
  return `shared through ${redactCredentials(redis)} (keys ${keyPrefix ?? 'freechat:'}…)`;
}
