import { createHash } from 'node:crypto';

/** A Lua script run on Redis by its SHA-1 (`EVALSHA`), sent whole only when Redis lacks it. */
export interface RedisScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * Shares a cooldown: stores it until it ends unless one that ends later is stored, and tells the
 * replicas. KEYS: the cooldown. ARGV: its JSON, milliseconds left, the channel, the message.
 */
export const SHARE_COOLDOWN = script(`
local left = tonumber(ARGV[2])
if redis.call('PTTL', KEYS[1]) >= left then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', left)
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`);

/**
 * Counts a failure in a row and tells the replicas. KEYS: the failures. ARGV: how long the count is
 * kept after the last failure, the channel, the provider, the replica. Returns the count.
 */
export const COUNT_FAILURE = script(`
local failures = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], cjson.encode({ replica = ARGV[4], event = {
  kind = 'failed', provider = ARGV[3], failures = failures } }))
return failures
`);

/**
 * Ends a provider's failures and cooldown and tells the replicas. KEYS: the failures, the cooldown.
 * ARGV: the channel, the message.
 */
export const CLEAR_COOLDOWN = script(`
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 1
`);

/**
 * A bucket's time to live in Lua, at least 1 ms: under a limit so high that one unit is below the
 * precision of a time since the epoch, pouring leaves `drainsAt` at `now`, and `SET … PX 0` would
 * fail the script.
 */
const LEAST_TTL = 'math.max(math.ceil(drainsAt - now), 1)';

/**
 * Lua that settles requests of one key that are over: pours their tokens into its tokens bucket and
 * ends their leases (ARGV from `firstLease` on) in its running set.
 */
const SETTLE_FUNCTION = `
local function settle(tokensKey, runningKey, now, perDay, tokens, firstLease)
  if perDay > 0 and tokens > 0 then
    local drainsAt = math.max(tonumber(redis.call('GET', tokensKey) or '0'), now)
      + tokens * 86400000 / perDay
    redis.call('SET', tokensKey, string.format('%.3f', drainsAt), 'PX', ${LEAST_TTL})
  end
  for i = firstLease, #ARGV do redis.call('ZREM', runningKey, ARGV[i]) end
end
`;

/**
 * The leaky buckets of `limit-bucket.ts` in Lua, and one request's admission against all of a key's
 * limits at once: counted in every one, or refused by the first it is over and counted in none.
 * Requests of the key that are over are settled first (as SETTLE does), so the admission sees them.
 * KEYS: the requests bucket, the tokens bucket, the running leases (a sorted set scored by expiry).
 * ARGV: now, requests per minute, concurrent requests, tokens per day (each 0 for none), the lease id,
 * the lease's milliseconds, the wait told for a full concurrency, the tokens to settle first (0 for
 * none), then the leases to end first (none or more).
 * Returns: the limit refused ('' for none), its value, the wait in ms, then the requests' remaining
 * and reset ms and the tokens' remaining and reset ms (-1 for a limit the key lacks).
 */
export const ADMIT = script(`${SETTLE_FUNCTION}
local now = tonumber(ARGV[1])
local perMinute, concurrent, perDay = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
settle(KEYS[2], KEYS[3], now, perDay, tonumber(ARGV[8]), 9)
local MINUTE, DAY, SLACK = 60000, 86400000, 1e-9
local function level(drainsAt, limit, window)
  local backlog = math.max(drainsAt - now, 0)
  local interval = window / limit
  local remaining = math.max(math.floor((window - backlog) / interval + SLACK), 0)
  return backlog, remaining, math.max(backlog + interval - window, 0)
end
local refused, value, wait = '', 0, 0
local requestsDrainAt = 0
local requestsRemaining, requestsReset, tokensRemaining, tokensReset = -1, -1, -1, -1
if perMinute > 0 then
  requestsDrainAt = tonumber(redis.call('GET', KEYS[1]) or '0')
  local backlog, remaining, over = level(requestsDrainAt, perMinute, MINUTE)
  requestsRemaining, requestsReset = remaining, backlog
  if over > 0 then refused, value, wait = 'requests_per_minute', perMinute, over end
end
if refused == '' and concurrent > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
  if redis.call('ZCARD', KEYS[3]) >= concurrent then
    refused, value, wait = 'concurrent_requests', concurrent, tonumber(ARGV[7])
  end
end
if perDay > 0 then
  local backlog, remaining, over = level(tonumber(redis.call('GET', KEYS[2]) or '0'), perDay, DAY)
  tokensRemaining, tokensReset = remaining, backlog
  if refused == '' and over > 0 then refused, value, wait = 'tokens_per_day', perDay, over end
end
if refused == '' then
  if perMinute > 0 then
    local drainsAt = math.max(requestsDrainAt, now) + MINUTE / perMinute
    redis.call('SET', KEYS[1], string.format('%.3f', drainsAt), 'PX', ${LEAST_TTL})
    local backlog, remaining = level(drainsAt, perMinute, MINUTE)
    requestsRemaining, requestsReset = remaining, backlog
  end
  if concurrent > 0 then
    local lease = tonumber(ARGV[6])
    redis.call('ZADD', KEYS[3], now + lease, ARGV[5])
    redis.call('PEXPIRE', KEYS[3], lease)
  end
end
return { refused, value, math.ceil(wait), requestsRemaining, math.ceil(requestsReset),
  tokensRemaining, math.ceil(tokensReset) }
`);

/**
 * Settles requests of one key once they are over, in one round trip: pours their spent tokens into
 * the key's tokens bucket and gives their concurrent slots back. KEYS: the tokens bucket, the running
 * leases. ARGV: now, tokens per day, tokens (0 for none), then the lease ids (none or more).
 */
export const SETTLE = script(`${SETTLE_FUNCTION}
settle(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), 4)
return 1
`);

/** Every script the state runs: loaded on each connection before it is used. */
export const REDIS_SCRIPTS: readonly RedisScript[] = [
  SHARE_COOLDOWN,
  COUNT_FAILURE,
  CLEAR_COOLDOWN,
  ADMIT,
  SETTLE,
];
