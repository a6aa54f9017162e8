import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Cooldown } from '../providers/provider-cooldowns.js';
import { CONCURRENCY_RETRY_AFTER } from './memory-limits.js';
import { MemoryState } from './memory-state.js';
import { RedisLink, type StateLog } from './redis-link.js';
import {
  ADMIT,
  CLEAR_COOLDOWN,
  COUNT_FAILURE,
  REDIS_SCRIPTS,
  SETTLE,
  SHARE_COOLDOWN,
} from './redis-scripts.js';
import type {
  Admission,
  CooldownEvent,
  CooldownStore,
  KeyLimitName,
  KeyLimits,
  KeyStanding,
  LimitStore,
  ResponseStore,
  ServerState,
  Settlement,
  StateStatus,
  StoredResponse,
} from './server-state.js';

/** Milliseconds a provider's failures in a row are kept in Redis after its last failure: an hour. */
export const FAILURE_MEMORY = 60 * 60 * 1000;

/**
 * Milliseconds a concurrent slot is held in Redis unless renewed: a replica renews its running
 * requests' slots every third of it, so the slots of a replica that died free themselves in a minute.
 */
export const LEASE_TIME = 60_000;

/**
 * Milliseconds a request's settlement (its tokens, its slot) waits for the next admission to leave
 * with: both then take one round trip, and the admission, run after it, sees it. Alone, it leaves
 * once this is over, so another replica sees a slot given back at most this late.
 */
export const SETTLE_DELAY = 20;

/** What {@link RedisState} needs. */
export interface RedisStateOptions {
  /** `redis://…` or `rediss://…`. */
  url: string;
  /** Put before every key and the channel, so that several gateways can share one Redis. */
  keyPrefix: string;
  /** Milliseconds every Redis command may take before the replica uses its own state instead. */
  timeout: number;
  clock: () => number;
  log: StateLog;
}

/** The Redis keys of one principal's three counters. */
interface LimitKeys {
  readonly requests: string;
  readonly tokens: string;
  readonly running: string;
}

/** The names of the keys under a prefix. */
class RedisKeys {
  /** Each principal's counter keys, named once: the configured API keys bound them. */
  readonly #limits = new Map<string, LimitKeys>();

  constructor(readonly prefix: string) {}
  get channel(): string {
    return `${this.prefix}cooldowns`;
  }
  cooldown(provider: string): string {
    return `${this.prefix}cooldown:${provider}`;
  }
  failures(provider: string): string {
    return `${this.prefix}failures:${provider}`;
  }
  limits(principal: string): LimitKeys {
    let keys = this.#limits.get(principal);
    if (keys === undefined) {
      const key = `${this.prefix}limit:${principal}:`;
      keys = { requests: `${key}requests`, tokens: `${key}tokens`, running: `${key}running` };
      this.#limits.set(principal, keys);
    }
    return keys;
  }
  response(id: string): string {
    return `${this.prefix}response:${id}`;
  }
}

/**
 * The state shared through Redis by every replica with the same URL and key prefix. Every call has
 * `timeout` ms; while Redis cannot be reached or answers too slowly, the replica runs on an in-process
 * {@link MemoryState} (limits then hold per replica), and it goes back to Redis by itself once Redis
 * answers again. Every key has a time to live.
 */
export class RedisState implements ServerState {
  readonly cooldowns: RedisCooldowns;
  readonly limits: RedisLimits;
  readonly responses: RedisResponses;
  readonly #link: RedisLink;

  constructor(options: RedisStateOptions) {
    const local = new MemoryState(options.clock);
    const keys = new RedisKeys(options.keyPrefix);
    const replica = randomUUID();
    this.#link = new RedisLink({
      url: options.url,
      timeout: options.timeout,
      channel: keys.channel,
      scripts: REDIS_SCRIPTS,
      log: options.log,
      onMessage: (message) => this.cooldowns.receive(message),
      onUp: () => this.cooldowns.reconnected(),
    });
    this.cooldowns = new RedisCooldowns(this.#link, local.cooldowns, keys, replica, options.clock);
    this.limits = new RedisLimits(this.#link, local.limits, keys, replica, options.clock);
    this.responses = new RedisResponses(this.#link, local.responses, keys, options.clock);
  }

  /** The Redis URL with its credentials masked. */
  get shownURL(): string {
    return this.#link.shown;
  }

  status(): StateStatus {
    return { backend: 'redis', up: this.#link.up };
  }

  ready(): Promise<void> {
    return this.#link.ready();
  }

  async close(): Promise<void> {
    this.limits.stopRenewing();
    await this.limits.flush();
    await this.#link.close();
  }
}

/** A message on the channel: an event and the replica it comes from. */
interface ChannelMessage {
  replica: string;
  event: CooldownEvent;
}

/** Cooldowns in Redis (`cooldown:<id>`, `failures:<id>`), told to the replicas on the channel. */
class RedisCooldowns implements CooldownStore {
  readonly #listeners: ((event: CooldownEvent) => void)[] = [];

  constructor(
    private readonly link: RedisLink,
    private readonly local: CooldownStore,
    private readonly keys: RedisKeys,
    private readonly replica: string,
    private readonly clock: () => number,
  ) {}

  share(cooldown: Cooldown): Promise<void> {
    const left = Math.ceil(cooldown.until - this.clock());
    if (left <= 0) return Promise.resolve();
    return this.link.run(
      async (client) => {
        await this.link.eval(
          client,
          SHARE_COOLDOWN,
          [this.keys.cooldown(cooldown.provider)],
          [
            JSON.stringify(cooldown),
            left,
            this.keys.channel,
            this.#message({ kind: 'started', cooldown }),
          ],
        );
      },
      () => this.local.share(cooldown),
    );
  }

  countFailure(provider: string): Promise<number> {
    return this.link.run(
      async (client) =>
        Number(
          await this.link.eval(
            client,
            COUNT_FAILURE,
            [this.keys.failures(provider)],
            [FAILURE_MEMORY, this.keys.channel, provider, this.replica],
          ),
        ),
      () => this.local.countFailure(provider),
    );
  }

  async clear(provider: string): Promise<void> {
    await this.local.clear(provider);
    await this.link.run(
      async (client) => {
        await this.link.eval(
          client,
          CLEAR_COOLDOWN,
          [this.keys.failures(provider), this.keys.cooldown(provider)],
          [this.keys.channel, this.#message({ kind: 'cleared', provider })],
        );
      },
      async () => {},
    );
  }

  load(providers: readonly string[]): Promise<Cooldown[]> {
    if (providers.length === 0) return Promise.resolve([]);
    return this.link.run(
      async (client) => {
        const values = await client.mget(...providers.map((id) => this.keys.cooldown(id)));
        return values.flatMap((value) => {
          const cooldown = value === null ? undefined : parseCooldown(parseJSON(value));
          return cooldown === undefined ? [] : [cooldown];
        });
      },
      () => this.local.load(providers),
    );
  }

  listen(listener: (event: CooldownEvent) => void): void {
    this.#listeners.push(listener);
  }

  /** Handles a message of the channel: another replica's event (this replica's own are dropped). */
  receive(text: string): void {
    const message = parseJSON(text) as Partial<ChannelMessage> | undefined;
    if (message?.replica === undefined || message.replica === this.replica) return;
    const event = parseEvent(message.event);
    if (event !== undefined) this.#emit(event);
  }

  /** Tells the listeners that Redis answers (again): what was shared meanwhile is to be loaded. */
  reconnected(): void {
    this.#emit({ kind: 'reconnected' });
  }

  #emit(event: CooldownEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #message(event: CooldownEvent): string {
    return JSON.stringify({ replica: this.replica, event } satisfies ChannelMessage);
  }
}

/** One key's settlements waiting to leave (see SETTLE_DELAY). */
interface PendingSettlement {
  limits: KeyLimits;
  /** Tokens to pour (0 for none). */
  tokens: number;
  /** The leases to end. */
  leaseIds: string[];
  /** The latest settlement's time. */
  now: number;
}

/**
 * Per-key counters in Redis (`limit:<principal>:requests|tokens|running`), each request admitted or
 * refused by one script and settled by another once it is over. A running request's slot is a lease
 * in a sorted set, renewed while it runs. A key's settlements wait for its next admission and run in
 * its script, first (one command for all), or leave on their own after SETTLE_DELAY.
 */
class RedisLimits implements LimitStore {
  /** The leases this replica holds in Redis: their sorted set's key. */
  readonly #leases = new Map<string, string>();
  #renewal: NodeJS.Timeout | undefined;
  /** The settlements waiting, by principal. */
  #pending = new Map<string, PendingSettlement>();
  #settleTimer: NodeJS.Timeout | undefined;
  /** How many leases this replica took: with its id, each lease's own id. */
  #leasesTaken = 0;
  /** The server is closing: the renewal timer is not started again. */
  #closing = false;

  constructor(
    private readonly link: RedisLink,
    private readonly local: LimitStore,
    private readonly keys: RedisKeys,
    /** This replica's id (a UUID): its lease ids start with it, so no two replicas' collide. */
    private readonly replica: string,
    private readonly clock: () => number,
  ) {}

  admit(principal: string, limits: KeyLimits, now: number): Promise<Admission> {
    // This key's settlements run in its admission, first; the others leave in the same write.
    const settling = this.#pending.get(principal);
    this.#pending.delete(principal);
    if (this.#pending.size > 0) void this.flush();
    return this.#admit(principal, limits, now, settling);
  }

  #admit(
    principal: string,
    limits: KeyLimits,
    now: number,
    settling: PendingSettlement | undefined,
  ): Promise<Admission> {
    // Set once the link gave up on Redis for this admission and admitted it on this replica's state.
    let admittedLocally = false;
    return this.link.run(
      async (client) => {
        // Unique without a UUID of its own: a counter after the replica's id.
        this.#leasesTaken += 1;
        const leaseId = `${this.replica}:${this.#leasesTaken.toString(36)}`;
        const { requests, tokens, running } = this.keys.limits(principal);
        const reply = (await this.link.eval(
          client,
          ADMIT,
          [requests, tokens, running],
          [
            now,
            limits.requestsPerMinute ?? 0,
            limits.concurrentRequests ?? 0,
            limits.tokensPerDay ?? 0,
            leaseId,
            LEASE_TIME,
            CONCURRENCY_RETRY_AFTER,
            settling?.tokens ?? 0,
            ...(settling?.leaseIds ?? []),
          ],
        )) as [string, number, number, number, number, number, number];
        const [refused, value, wait, requestsLeft, requestsReset, tokensLeft, tokensReset] = reply;
        const standing: KeyStanding = {};
        if (limits.requestsPerMinute !== undefined) {
          standing.requests = {
            limit: limits.requestsPerMinute,
            remaining: requestsLeft,
            resetMs: requestsReset,
          };
        }
        if (limits.tokensPerDay !== undefined) {
          standing.tokens = {
            limit: limits.tokensPerDay,
            remaining: tokensLeft,
            resetMs: tokensReset,
          };
        }
        if (refused !== '') {
          return {
            admitted: false,
            standing,
            limit: refused as KeyLimitName,
            value,
            retryAfterMs: wait,
          };
        }
        if (limits.concurrentRequests === undefined) {
          return { admitted: true, standing, lease: undefined };
        }
        if (admittedLocally) {
          // Redis answered too late: the request runs on a slot of this replica's, and the one Redis
          // gave is ended now, on the connection that answered (were that to fail, unrenewed, it
          // would end by itself within LEASE_TIME). Held, it would be renewed for ever.
          this.#settleIn(client, principal, limits, 0, [leaseId], now).catch(() => {});
          return { admitted: true, standing, lease: undefined };
        }
        this.#hold(leaseId, running);
        return { admitted: true, standing, lease: { id: leaseId } };
      },
      async () => {
        admittedLocally = true;
        // Were Redis out of reach, the leases would end by themselves once no longer renewed.
        if (settling !== undefined) this.#settleLocally(principal, settling);
        return this.local.admit(principal, limits, now);
      },
    );
  }

  settle(principal: string, limits: KeyLimits, { tokens, lease }: Settlement, now: number): void {
    let leaseId = '';
    if (lease !== undefined) {
      if (this.#leases.delete(lease.id)) {
        leaseId = lease.id;
      } else {
        // Admitted while Redis was out of reach: the slot is this replica's own.
        this.local.settle(principal, limits, { tokens: 0, lease }, now);
      }
    }
    const spent = (limits.tokensPerDay ?? 0) > 0 && tokens > 0 ? tokens : 0;
    if (spent === 0 && leaseId === '') return;
    let pending = this.#pending.get(principal);
    if (pending === undefined) {
      pending = { limits, tokens: 0, leaseIds: [], now };
      this.#pending.set(principal, pending);
    }
    pending.tokens += spent;
    if (leaseId !== '') pending.leaseIds.push(leaseId);
    pending.now = now;
    this.#settleTimer ??= setTimeout(() => void this.flush(), SETTLE_DELAY).unref();
  }

  /** Sends the waiting settlements now, one script a key (each falls back to this replica's state). */
  async flush(): Promise<void> {
    clearTimeout(this.#settleTimer);
    this.#settleTimer = undefined;
    if (this.#pending.size === 0) return;
    const pending = [...this.#pending];
    this.#pending.clear();
    await Promise.all(pending.map(([principal, settling]) => this.#send(principal, settling)));
  }

  async #send(principal: string, settling: PendingSettlement): Promise<void> {
    const { limits, tokens, leaseIds, now } = settling;
    await this.link.run(
      async (client) => {
        await this.#settleIn(client, principal, limits, tokens, leaseIds, now);
      },
      async () => this.#settleLocally(principal, settling),
    );
  }

  /** Runs the settlement script on `client`: `tokens` poured (0 for none), `leaseIds` ended. */
  #settleIn(
    client: Redis,
    principal: string,
    limits: KeyLimits,
    tokens: number,
    leaseIds: readonly string[],
    now: number,
  ): Promise<unknown> {
    const keys = this.keys.limits(principal);
    return this.link.eval(
      client,
      SETTLE,
      [keys.tokens, keys.running],
      [now, limits.tokensPerDay ?? 0, tokens, ...leaseIds],
    );
  }

  /** Counts the settlements' tokens on this replica's state (their leases in Redis end by themselves). */
  #settleLocally(principal: string, { limits, tokens, now }: PendingSettlement): void {
    this.local.settle(principal, limits, { tokens, lease: undefined }, now);
  }

  /** Stops renewing the leases for good (the server closes). */
  stopRenewing(): void {
    this.#closing = true;
    clearInterval(this.#renewal);
    this.#renewal = undefined;
  }

  /**
   * Holds a lease and renews it with the others. The renewal timer, once started, runs until the
   * server closes, even while no lease is held: a key whose requests come one at a time would
   * otherwise start and stop it for each.
   */
  #hold(leaseId: string, running: string): void {
    this.#leases.set(leaseId, running);
    if (this.#closing) return;
    this.#renewal ??= setInterval(() => void this.#renew(), LEASE_TIME / 3).unref();
  }

  async #renew(): Promise<void> {
    if (this.#leases.size === 0) return;
    const expiry = this.clock() + LEASE_TIME;
    await this.link.run(
      async (client: Redis) => {
        const renewals = client.pipeline();
        for (const [id, running] of this.#leases) {
          renewals.zadd(running, 'XX', expiry, id).pexpire(running, LEASE_TIME);
        }
        await renewals.exec();
      },
      async () => {},
    );
  }
}

/** Stored Responses in Redis (`response:<id>`, JSON, with their time to live). */
class RedisResponses implements ResponseStore {
  constructor(
    private readonly link: RedisLink,
    private readonly local: ResponseStore,
    private readonly keys: RedisKeys,
    private readonly clock: () => number,
  ) {}

  save(stored: StoredResponse): Promise<void> {
    const left = Math.ceil(stored.expiresAt - this.clock());
    if (left <= 0) return Promise.resolve();
    return this.link.run(
      async (client) => {
        await client.set(this.keys.response(stored.id), JSON.stringify(stored), 'PX', left);
      },
      () => this.local.save(stored),
    );
  }

  /** Those in Redis, else those this replica stored while Redis was out of reach. */
  async load(ids: readonly string[]): Promise<(StoredResponse | undefined)[]> {
    if (ids.length === 0) return [];
    const shared = await this.link.run(
      async (client) => {
        const values = await client.mget(...ids.map((id) => this.keys.response(id)));
        return values.map((value) =>
          value === null ? undefined : (parseJSON(value) as StoredResponse | undefined),
        );
      },
      async () => ids.map(() => undefined),
    );
    if (shared.every((stored) => stored !== undefined)) return shared;
    const local = await this.local.load(ids);
    return shared.map((stored, index) => stored ?? local[index]);
  }

  async delete(id: string): Promise<boolean> {
    const shared = await this.link.run(
      async (client) => (await client.del(this.keys.response(id))) > 0,
      async () => false,
    );
    const local = await this.local.delete(id);
    return shared || local;
  }
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const REASONS = new Set(['rate_limited', 'quota_exhausted', 'failing']);

/** A cooldown read from Redis or the channel, when it has every field with its type. */
function parseCooldown(value: unknown): Cooldown | undefined {
  const cooldown = value as Partial<Cooldown> | undefined;
  if (
    typeof cooldown?.provider !== 'string' ||
    !REASONS.has(cooldown.reason as string) ||
    typeof cooldown.until !== 'number' ||
    typeof cooldown.error !== 'string' ||
    typeof cooldown.failures !== 'number'
  ) {
    return undefined;
  }
  return {
    provider: cooldown.provider,
    reason: cooldown.reason as Cooldown['reason'],
    until: cooldown.until,
    error: cooldown.error,
    failures: cooldown.failures,
  };
}

/** An event of the channel, when it is one of those the replicas send. */
function parseEvent(value: unknown): CooldownEvent | undefined {
  const event = value as
    | { kind?: unknown; cooldown?: unknown; provider?: unknown; failures?: unknown }
    | undefined;
  if (event?.kind === 'started') {
    const cooldown = parseCooldown(event.cooldown);
    return cooldown === undefined ? undefined : { kind: 'started', cooldown };
  }
  if (typeof event?.provider !== 'string') return undefined;
  if (event.kind === 'cleared') return { kind: 'cleared', provider: event.provider };
  if (event.kind === 'failed' && typeof event.failures === 'number') {
    return { kind: 'failed', provider: event.provider, failures: event.failures };
  }
  return undefined;
}
