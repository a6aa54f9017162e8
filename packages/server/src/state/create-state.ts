import { MemoryState } from './memory-state.js';
import type { StateLog } from './redis-link.js';
import { RedisState } from './redis-state.js';
import type { ServerState } from './server-state.js';

/**
 * Milliseconds every Redis call may take, by default, before the replica answers from its own state
 * instead (the server's `redisTimeout`).
 */
export const REDIS_TIMEOUT = 100;

/** The server's state: shared through Redis when `redis` names one, else in this process. */
export function createState(options: {
  redis: string | undefined;
  redisKeyPrefix: string;
  redisTimeout: number;
  clock: () => number;
  log: StateLog;
}): ServerState {
  if (options.redis === undefined) return new MemoryState(options.clock);
  return new RedisState({
    url: options.redis,
    keyPrefix: options.redisKeyPrefix,
    timeout: options.redisTimeout,
    clock: options.clock,
    log: options.log,
  });
}
