import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';

/** A running TLS-terminating proxy. */
export interface TlsProxy {
  /** `https://127.0.0.1:PORT`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Accepts TLS on a free loopback port and pipes each connection's plaintext to `targetPort`, one
 * upstream connection per client connection, so keep-alive on the client side is keep-alive upstream.
 */
export async function startTlsProxy(options: {
  key: string;
  cert: string;
  targetPort: number;
}): Promise<TlsProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer({ key: options.key, cert: options.cert }, (client: TLSSocket) => {
    const upstream = connect(options.targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `https://127.0.0.1:${address.port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
