import type { Cooldown } from '../providers/provider-cooldowns.js';

/**
 * What one replica's state is shared through: `memory` (this process alone) or `redis` (every
 * replica that names the same Redis and key prefix).
 */
export type StateBackend = 'memory' | 'redis';

/** The state's backend and whether it answers (`GET /healthz`, `freechat_state_backend_up`). */
export interface StateStatus {
  /** The configured backend. */
  backend: StateBackend;
  /**
   * Whether the backend answers. Always true in memory; false while Redis cannot be reached or
   * answers too slowly, when the replica runs on its in-process state until Redis is back.
   */
  up: boolean;
}

/** What another replica did to a provider's cooldown. */
export type CooldownEvent =
  /** It started a cooldown: every replica skips the provider until `cooldown.until`. */
  | { kind: 'started'; cooldown: Cooldown }
  /** The provider failed there: its failures in a row across the replicas are now `failures`. */
  | { kind: 'failed'; provider: string; failures: number }
  /** Text arrived from the provider there: its failures and cooldown are over. */
  | { kind: 'cleared'; provider: string }
  /**
   * The shared store answers, at the start or after an outage: what the others shared meanwhile is
   * to be loaded, and what started here meanwhile shared.
   */
  | { kind: 'reconnected' };

/** Providers' cooldowns and failures in a row, as the replicas share them. */
export interface CooldownStore {
  /** Shares a cooldown that started on this replica. */
  share(cooldown: Cooldown): Promise<void>;
  /** Counts a failure of the provider; resolves with its failures in a row across the replicas. */
  countFailure(provider: string): Promise<number>;
  /** Ends the provider's failures in a row and its cooldown, on every replica. */
  clear(provider: string): Promise<void>;
  /** The cooldowns in force now among these providers. */
  load(providers: readonly string[]): Promise<Cooldown[]>;
  /** Calls `listener` with what other replicas do (nothing, in memory). */
  listen(listener: (event: CooldownEvent) => void): void;
}

/** The limits of one API key; a missing field is no limit. */
export interface KeyLimits {
  /** Requests admitted in any minute. */
  requestsPerMinute?: number;
  /** Requests running at once. */
  concurrentRequests?: number;
  /** Estimated tokens (prompt and reply, see `reply/usage.ts`) in any day. */
  tokensPerDay?: number;
}

/** Which limit refused a request. */
export type KeyLimitName = 'requests_per_minute' | 'concurrent_requests' | 'tokens_per_day';

/** Where a key stands against one of its rate limits, as OpenAI's `x-ratelimit-*` headers say it. */
export interface RateStanding {
  /** The limit. */
  limit: number;
  /** What is left of it now. */
  remaining: number;
  /** Milliseconds until it is whole again. */
  resetMs: number;
}

/** Where a key stands against its limits after an admission (only the limits it has). */
export interface KeyStanding {
  requests?: RateStanding;
  tokens?: RateStanding;
}

/** A running request's hold on one of its key's concurrent slots. */
export interface Lease {
  /** The lease's own id. */
  readonly id: string;
}

/** The answer to a request's admission. */
export type Admission =
  | { admitted: true; standing: KeyStanding; lease: Lease | undefined }
  | {
      admitted: false;
      standing: KeyStanding;
      /** The limit that refused it. */
      limit: KeyLimitName;
      /** The limit's value. */
      value: number;
      /** Milliseconds until a request would be admitted again (an estimate for concurrency). */
      retryAfterMs: number;
    };

/** Per-key counters: requests in a minute, requests running, tokens in a day. */
export interface LimitStore {
  /**
   * Admits one request of `principal` (an opaque id, never the key) under `limits`, or refuses it;
   * an admitted request is counted in every limit at once, a refused one in none. A store that
   * answers without waiting (in memory) returns the admission itself.
   */
  admit(principal: string, limits: KeyLimits, now: number): Admission | Promise<Admission>;
  /**
   * Counts what an admitted request leaves behind, in one step: its tokens against the key's tokens
   * per day, and its concurrent slot given back. In memory it is counted at once; in Redis it waits
   * for the key's next admission, at most `SETTLE_DELAY` ms (`flush` sends it now).
   */
  settle(principal: string, limits: KeyLimits, settlement: Settlement, now: number): void;
}

/** What {@link LimitStore.settle} counts: tokens spent (0 for none), a slot to give back, or both. */
export interface Settlement {
  readonly tokens: number;
  readonly lease: Lease | undefined;
}

/** An item of a conversation (a message, a tool call, a tool's result), as JSON with an `id`. */
export type StoredItem = Record<string, unknown> & { id: string };

/** A stored Response: the object itself and what it was made from. */
export interface StoredResponse {
  /** `resp_…` */
  id: string;
  /** The principal that created it; nobody else sees it. */
  owner: string;
  /** The Response object as it was last sent. */
  response: Record<string, unknown>;
  /** The items this request added: its input. */
  input: StoredItem[];
  /** The Response's output items. */
  output: StoredItem[];
  /** The responses it continues (`previous_response_id`, then its own), oldest first. */
  chain: string[];
  /** Milliseconds since the epoch after which it is gone. */
  expiresAt: number;
}

/** Stored Responses, each with a time to live. */
export interface ResponseStore {
  /** Stores a Response until its `expiresAt`. */
  save(stored: StoredResponse): Promise<void>;
  /** The Responses with these ids, `undefined` for those gone. */
  load(ids: readonly string[]): Promise<(StoredResponse | undefined)[]>;
  /** Deletes a Response; resolves false when there was none. */
  delete(id: string): Promise<boolean>;
}

/**
 * The state a replica keeps: cooldowns and failure counts, per-key counters, stored Responses. In
 * memory it is this process's alone; through Redis, every replica with the same Redis and key prefix
 * shares it.
 */
export interface ServerState {
  readonly cooldowns: CooldownStore;
  readonly limits: LimitStore;
  readonly responses: ResponseStore;
  /** The backend and whether it answers now. */
  status(): StateStatus;
  /** Resolves once the backend answered or failed to, at the latest after a second. */
  ready(): Promise<void>;
  /** Closes the backend's connections. */
  close(): Promise<void>;
}
