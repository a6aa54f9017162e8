import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect, createServer as createNetServer, type Socket } from 'node:net';

/** A local proxy for core's tests: where it listens and what it saw. */
export interface TestProxy {
  url: string;
  /** Tunnels opened. */
  tunnels: () => number;
  /** Tunnels asked for, whether opened or refused. */
  attempts: () => number;
  /** Tunnels open right now. */
  openTunnels: () => number;
  close(): Promise<void>;
}

/** The credentials a test proxy demands. */
export interface ProxyCredentials {
  username: string;
  password: string;
}

/**
 * Starts an HTTP proxy that serves CONNECT tunnels (undici's ProxyAgent tunnels every request). With
 * `credentials`, a CONNECT without the matching `Proxy-Authorization: Basic …` gets a 407.
 */
export async function startHttpProxy(credentials?: ProxyCredentials): Promise<TestProxy> {
  const counts = { tunnels: 0, attempts: 0, open: 0 };
  const sockets = new Set<Socket>();
  const expected =
    credentials === undefined
      ? undefined
      : `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const server = createHttpServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request, client: Socket, head: Buffer) => {
    counts.attempts++;
    if (expected !== undefined && request.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    counts.tunnels++;
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    track(sockets, counts, client, upstream);
  });
  return listen(server, 'http', counts, sockets);
}

/**
 * Starts a SOCKS5 server (CONNECT only, IPv4 and domain addresses). Without `credentials` it asks for
 * no authentication; with them it asks for a username and password (RFC 1929) and rejects others.
 */
export async function startSocks5Proxy(credentials?: ProxyCredentials): Promise<TestProxy> {
  const counts = { tunnels: 0, attempts: 0, open: 0 };
  const sockets = new Set<Socket>();
  const server = createNetServer(async (client) => {
    client.on('error', () => {});
    counts.attempts++;
    const read = readerOf(client);
    const greeting = await read(2);
    await read(greeting[1]!);
    if (credentials === undefined) {
      client.write(Buffer.from([5, 0]));
    } else {
      client.write(Buffer.from([5, 2]));
      await read(1);
      const username = (await read((await read(1))[0]!)).toString();
      const password = (await read((await read(1))[0]!)).toString();
      if (username !== credentials.username || password !== credentials.password) {
        client.end(Buffer.from([1, 1]));
        return;
      }
      client.write(Buffer.from([1, 0]));
    }
    const head = await read(4);
    let host: string;
    if (head[3] === 1) host = [...(await read(4))].join('.');
    else host = (await read((await read(1))[0]!)).toString();
    const port = (await read(2)).readUInt16BE(0);
    counts.tunnels++;
    const upstream = connect(port, host, () => {
      client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
      upstream.pipe(client).pipe(upstream);
    });
    track(sockets, counts, client, upstream);
  });
  return listen(server, 'socks5', counts, sockets);
}

function readerOf(socket: Socket): (length: number) => Promise<Buffer> {
  let buffered = Buffer.alloc(0);
  return async (length) => {
    while (buffered.length < length) {
      const [chunk] = (await once(socket, 'data')) as [Buffer];
      buffered = Buffer.concat([buffered, chunk]);
    }
    const taken = buffered.subarray(0, length);
    buffered = buffered.subarray(length);
    if (buffered.length > 0) {
      socket.unshift(buffered);
      buffered = Buffer.alloc(0);
    }
    return taken;
  };
}

function track(sockets: Set<Socket>, counts: { open: number }, client: Socket, upstream: Socket) {
  counts.open++;
  let closed = false;
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      client.destroy();
      upstream.destroy();
      if (!closed) counts.open--;
      closed = true;
    });
  }
}

async function listen(
  server: ReturnType<typeof createNetServer>,
  scheme: string,
  counts: { tunnels: number; attempts: number; open: number },
  sockets: Set<Socket>,
): Promise<TestProxy> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    tunnels: () => counts.tunnels,
    attempts: () => counts.attempts,
    openTunnels: () => counts.open,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
