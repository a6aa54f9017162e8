import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

/** Debian's redis-server, which `scripts/install-redis.sh` installs. */
const REDIS_SERVER = '/usr/bin/redis-server';

/** A redis-server of a test's own: a free local port, a password, no persistence. */
export interface TestRedis {
  /** `redis://:<password>@127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly password: string;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Stops it (if running). */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1: listened on, then closed. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts redis-server (on a free port with a random password, unless given) and waits until it
 * accepts connections.
 */
export async function startRedis(
  options: { port?: number; password?: string } = {},
): Promise<TestRedis> {
  const port = options.port ?? (await freePort());
  const password = options.password ?? `pw-${randomBytes(12).toString('hex')}`;
  let child = await spawnRedis(port, password);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    port,
    password,
    kill: stop,
    async restart() {
      await stop();
      child = await spawnRedis(port, password);
    },
    stop,
  };
}

async function spawnRedis(port: number, password: string): Promise<ChildProcess> {
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
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('error', (error) =>
      reject(new Error(`cannot start ${REDIS_SERVER} (run scripts/install-redis.sh): ${error}`)),
    );
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)),
    );
  });
  // Keep reading, so that a full pipe never blocks it.
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

/** A TCP proxy in front of a Redis that can hold its answers back, to play a Redis that is slow. */
export interface SlowRedisProxy {
  /** The proxy's URL, with the Redis password. */
  readonly url: string;
  /** From now on, keeps Redis's answers instead of passing them on. */
  hold(): void;
  /** Resolves once an answer is being kept. */
  held(): Promise<void>;
  /** Passes on every answer kept, and the next ones at once. */
  release(): void;
  close(): Promise<void>;
}

/** Starts a {@link SlowRedisProxy} in front of `redis`. */
export async function startSlowRedisProxy(redis: TestRedis): Promise<SlowRedisProxy> {
  let holding = false;
  const held: { socket: Socket; chunk: Buffer }[] = [];
  const kept = new EventEmitter();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(redis.port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (holding) {
        held.push({ socket: client, chunk });
        kept.emit('kept');
      } else client.write(chunk);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `redis://:${redis.password}@127.0.0.1:${port}`,
    hold() {
      holding = true;
    },
    async held() {
      if (held.length === 0) await once(kept, 'kept');
    },
    release() {
      holding = false;
      for (const { socket, chunk } of held.splice(0)) socket.write(chunk);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
