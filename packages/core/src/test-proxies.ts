import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect, createServer as createNetServer, type Socket } from 'node:net';

/** A local proxy for core's tests: where it listens and how many tunnels it opened. */
export interface TestProxy {
  url: string;
  tunnels: () => number;
  close(): Promise<void>;
}

/** Starts an HTTP proxy that serves CONNECT tunnels (undici's ProxyAgent tunnels every request). */
export async function startHttpProxy(): Promise<TestProxy> {
  let tunnels = 0;
  const sockets = new Set<Socket>();
  const server = createHttpServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request, client: Socket, head: Buffer) => {
    tunnels++;
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    track(sockets, client, upstream);
  });
  return listen(server, 'http', () => tunnels, sockets);
}

/** Starts a SOCKS5 server (no authentication, CONNECT only, IPv4 and domain addresses). */
export async function startSocks5Proxy(): Promise<TestProxy> {
  let tunnels = 0;
  const sockets = new Set<Socket>();
  const server = createNetServer(async (client) => {
    const read = readerOf(client);
    const greeting = await read(2);
    await read(greeting[1]!);
    client.write(Buffer.from([5, 0]));
    const head = await read(4);
    let host: string;
    if (head[3] === 1) host = [...(await read(4))].join('.');
    else host = (await read((await read(1))[0]!)).toString();
    const port = (await read(2)).readUInt16BE(0);
    tunnels++;
    const upstream = connect(port, host, () => {
      client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
      upstream.pipe(client).pipe(upstream);
    });
    track(sockets, client, upstream);
  });
  return listen(server, 'socks5', () => tunnels, sockets);
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

function track(sockets: Set<Socket>, ...pair: Socket[]): void {
  for (const socket of pair) {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      for (const other of pair) other.destroy();
    });
  }
}

async function listen(
  server: ReturnType<typeof createNetServer>,
  scheme: string,
  tunnels: () => number,
  sockets: Set<Socket>,
): Promise<TestProxy> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    tunnels,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
