import { redactCredentials } from '@freechat/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis, RedisOptions } from 'ioredis';
import type { RedisScript } from './redis-scripts.js';

/** Where the state logs its changes of backend: the server's logger. */
export type StateLog = Pick<FastifyBaseLogger, 'info' | 'warn'>;

/** Milliseconds between two reconnection attempts, at most: Redis back is used within about this. */
const RECONNECT_DELAY = 500;

/** Milliseconds between two `PING`s while Redis is connected but answered too slowly. */
const PROBE_INTERVAL = 250;

/**
 * How many times `timeout` ioredis itself waits for a reply before it drops the command: only then
 * does a command that this link stopped waiting for leave the client's queue.
 */
const QUEUE_TIMEOUT_FACTOR = 10;

/** Milliseconds {@link RedisLink.ready} waits for the first connection at most. */
const READY_WAIT = 1000;

/** What {@link RedisLink} needs. */
export interface RedisLinkOptions {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…`. */
  url: string;
  /** Milliseconds every command may take before the replica falls back to its own state. */
  timeout: number;
  /** The channel the replicas tell each other of cooldowns on. */
  channel: string;
  /**
   * The Lua scripts {@link RedisLink.eval} runs, loaded on every connection before it counts as
   * ready: a script first sent whole after a `NOSCRIPT` would run after commands sent later.
   */
  scripts: readonly RedisScript[];
  /** Called with each message on the channel. */
  onMessage(message: string): void;
  /** Called each time Redis answers again (and the first time it does): time to resynchronise. */
  onUp(): void;
  log: StateLog;
}

/**
 * The connections to Redis (one for commands, one subscribed to the channel) and whether the shared
 * state can be used now. It is up while both are connected and no command has failed since; a
 * command that fails or takes longer than `timeout` puts it down, and a `PING` a second puts it back up
 * once Redis answers again. Every change is logged once (never per request), and the URL only ever
 * appears with its credentials masked.
 */
export class RedisLink {
  readonly #options: RedisLinkOptions;
  /** The URL as it may be shown. */
  readonly #shown: string;
  readonly #ready: Promise<void>;
  #client: Redis | undefined;
  #subscriber: Redis | undefined;
  #clientReady = false;
  #subscriberReady = false;
  /** A command failed since the connections were last ready. */
  #failing = false;
  #up = false;
  /** The current outage was logged (or, at the start, Redis was never reached yet). */
  #warned = false;
  #everUp = false;
  #probe: NodeJS.Timeout | undefined;
  #closed = false;
  #settleReady: () => void = () => {};
  /** The command connection's socket holds this turn's commands (`#batch`). */
  #corked = false;

  constructor(options: RedisLinkOptions) {
    this.#options = options;
    this.#shown = redactCredentials(options.url);
    this.#ready = new Promise<void>((resolve) => {
      this.#settleReady = resolve;
    });
    void this.#connect();
  }

  /** The URL with its credentials masked. */
  get shown(): string {
    return this.#shown;
  }

  /** Whether the shared state can be used now. */
  get up(): boolean {
    return this.#up;
  }

  /** Resolves once Redis answered or failed to, at the latest after a second. */
  ready(): Promise<void> {
    const timer = setTimeout(this.#settleReady, READY_WAIT);
    return this.#ready.finally(() => clearTimeout(timer));
  }

  /**
   * `shared(client)` while the link is up, else `local()`; a failed or timed-out `shared` puts the
   * link down and answers with `local()` instead.
   */
  async run<T>(shared: (client: Redis) => Promise<T>, local: () => Promise<T>): Promise<T> {
    const client = this.#client;
    if (!this.#up || client === undefined) return local();
    try {
      this.#batch(client);
      return await this.#bounded(shared(client));
    } catch (error) {
      this.#commandFailed(error);
      return local();
    }
  }

  /** Runs a Lua script by its SHA-1, sending it whole when Redis does not have it yet. */
  async eval(
    client: Redis,
    script: RedisScript,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await client.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return client.eval(script.source, keys.length, ...keys, ...args);
    }
  }

  /**
   * Holds the commands sent in this turn of the event loop (the admissions and settlements of every
   * request whose data this turn read) in the socket's buffer, and writes them in one system call
   * once the turn's I/O callbacks are done (`setImmediate`): fewer writes, and their replies come
   * back together. ioredis's own auto-pipelining batches the same way at ~20 µs more a command (a
   * pipeline object and its promises per batch, measured against a redis-server), which a request
   * with one command pays in full.
   */
  #batch(client: Redis): void {
    if (this.#corked) return;
    const socket = client.stream;
    this.#corked = true;
    socket.cork();
    setImmediate(() => {
      this.#corked = false;
      socket.uncork();
    });
  }

  /**
   * `work`, or a rejection once it took longer than `timeout`. The rejection waits for one more turn
   * of the event loop (`setImmediate`, after the sockets were read): a reply that came in while this
   * process was busy elsewhere is taken, not counted as Redis being slow.
   */
  #bounded<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        setImmediate(() =>
          reject(new Error(`Redis did not answer within ${this.#options.timeout} ms`)),
        );
      }, this.#options.timeout);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Closes both connections. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#probe);
    this.#settleReady();
    await Promise.all(
      [this.#client, this.#subscriber].map((connection) =>
        connection?.quit().catch(() => connection.disconnect()),
      ),
    );
  }

  async #connect(): Promise<void> {
    // Loaded only when Redis is configured: a server on its own state never loads the client.
    const { Redis } = await import('ioredis');
    if (this.#closed) return;
    const options: RedisOptions = {
      commandTimeout: this.#options.timeout * QUEUE_TIMEOUT_FACTOR,
      connectTimeout: READY_WAIT,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, RECONNECT_DELAY),
      connectionName: 'freechat',
    };
    // Not ioredis's auto-pipelining: `run` batches a turn's commands itself (`#batch`), cheaper.
    const client = new Redis(this.#options.url, options);
    const subscriber = new Redis(this.#options.url, options);
    this.#client = client;
    this.#subscriber = subscriber;
    client.on('ready', () => {
      Promise.all(this.#options.scripts.map((script) => client.script('LOAD', script.source))).then(
        () => {
          this.#clientReady = true;
          this.#update();
        },
        (error: Error) => this.#lost('client', error),
      );
    });
    // Subscribed on the first ready; ioredis subscribes again by itself after each reconnection.
    let subscribed = false;
    subscriber.on('ready', () => {
      if (subscribed) {
        this.#subscriberReady = true;
        this.#update();
        return;
      }
      subscriber.subscribe(this.#options.channel).then(
        () => {
          subscribed = true;
          this.#subscriberReady = true;
          this.#update();
        },
        (error: Error) => this.#lost('subscriber', error),
      );
    });
    subscriber.on('message', (_channel: string, message: string) =>
      this.#options.onMessage(message),
    );
    for (const [connection, which] of [
      [client, 'client'],
      [subscriber, 'subscriber'],
    ] as const) {
      connection.on('error', (error: Error) => this.#lost(which, error));
      connection.on('close', () => this.#lost(which, undefined));
    }
  }

  #lost(which: 'client' | 'subscriber', error: Error | undefined): void {
    if (which === 'client') this.#clientReady = false;
    else this.#subscriberReady = false;
    this.#update(error);
  }

  #commandFailed(error: unknown): void {
    this.#failing = true;
    this.#update(error instanceof Error ? error : new Error(String(error)));
    this.#probe ??= setInterval(() => this.#ping(), PROBE_INTERVAL).unref();
  }

  #ping(): void {
    const client = this.#client;
    if (client === undefined || !this.#clientReady) return;
    this.#bounded(client.ping()).then(
      () => {
        this.#failing = false;
        clearInterval(this.#probe);
        this.#probe = undefined;
        this.#update();
      },
      () => {},
    );
  }

  #update(error?: Error): void {
    if (this.#closed) return;
    const up = this.#clientReady && this.#subscriberReady && !this.#failing;
    if (up === this.#up) {
      if (!up && !this.#warned && error !== undefined) this.#warnDown(error);
      return;
    }
    this.#up = up;
    if (up) {
      this.#options.log.info(
        { redis: this.#shown },
        this.#everUp ? 'Redis answers again: shared state back' : 'state shared through Redis',
      );
      this.#everUp = true;
      this.#warned = false;
      this.#settleReady();
      this.#options.onUp();
    } else {
      this.#warnDown(error);
    }
  }

  #warnDown(error: Error | undefined): void {
    this.#warned = true;
    this.#settleReady();
    this.#options.log.warn(
      {
        redis: this.#shown,
        ...(error === undefined ? {} : { error: redactCredentials(error.message) }),
      },
      'Redis cannot be used: running on this replica’s own state until it answers',
    );
  }
}
