import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** Debian's redis-server (`scripts/install-redis.sh` installs it; CI's `.ci/run` runs that script). */
const REDIS_SERVER = '/usr/bin/redis-server';

/** The longest redis-server may take to accept connections. */
const START_TIMEOUT_MS = 10_000;

/** One command's line of `INFO commandstats`. */
export interface CommandStat {
  calls: number;
  microseconds: number;
}

/** A redis-server of the bench's own: a free loopback port, a password, no persistence. */
export interface RedisHandle {
  /** `redis://:<password>@127.0.0.1:<port>` */
  url: string;
  /** Its process id, for its CPU time in `/proc`. */
  pid: number;
  /**
   * Calls of each command so far and the microseconds spent in them (`INFO commandstats`), by the
   * command's name; the commands a script runs are counted too, and within its own time.
   */
  commandStats(): Promise<Map<string, CommandStat>>;
  /** Stops it and waits for it to exit. */
  stop(): Promise<void>;
}

/** Why the bench cannot start a redis-server here, or undefined when it can. */
export function redisServerMissing(): string | undefined {
  return existsSync(REDIS_SERVER)
    ? undefined
    : `${REDIS_SERVER} not found (bash scripts/install-redis.sh)`;
}

/** Starts redis-server on a free loopback port with a random password and waits until it is ready. */
export async function startRedisServer(): Promise<RedisHandle> {
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const child = spawn(
    REDIS_SERVER,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--requirepass',
      password,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = once(child, 'exit');
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`${REDIS_SERVER} was not ready in ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`${REDIS_SERVER} exited (${String(code)}) before it was ready:\n${output}`));
    });
  });
  child.stderr.resume();
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `redis://:${password}@127.0.0.1:${port}`;
  const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await admin.connect();
  return {
    url,
    pid: child.pid!,
    async commandStats() {
      return commandStats(await admin.info('commandstats'));
    },
    async stop() {
      await admin.quit().catch(() => admin.disconnect());
      await stop();
    },
  };
}

/** The `cmdstat_<name>:calls=…,usec=…` lines, by name. */
function commandStats(info: string): Map<string, CommandStat> {
  const stats = new Map<string, CommandStat>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    stats.set(match[1]!, { calls: Number(match[2]), microseconds: Number(match[3]) });
  }
  return stats;
}

/** A free TCP port on 127.0.0.1: listened on, then closed. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
