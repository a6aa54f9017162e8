import { redactCredentials } from '@freechat/core';
import { UsageError } from '../commands/usage-error.js';

/**
 * Refuses a `--redis` URL that holds a password: the command line is visible to every user in `ps`
 * (the message never shows it). `FREECHAT_REDIS_URL` or the config file's `redis` may hold one.
 *
 * @throws UsageError naming the two places a password may go.
 */
export function refuseRedisCredentials(flag: string | undefined): void {
  if (flag !== undefined && redactCredentials(flag) !== flag) {
    throw new UsageError(
      '--redis: the URL holds credentials, which `ps` shows to every user. ' +
        `Set FREECHAT_REDIS_URL or "redis" in --config instead (got ${redactCredentials(flag)}).`,
    );
  }
}

/** What the banner says of the state: in this process, or shared through Redis (credentials masked). */
export function describeState(redis: string | undefined, keyPrefix: string | undefined): string {
  if (redis === undefined) return 'in this process (one replica)';
  return `shared through ${redactCredentials(redis)} (keys ${keyPrefix ?? 'freechat:'}…)`;
}
