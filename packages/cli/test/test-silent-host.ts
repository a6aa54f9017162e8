import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';

/** A host that accepts connections and never answers: its URL, and how to stop it. */
export interface SilentHost {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}

/** Starts a TCP server on 127.0.0.1, port 0, that accepts every connection and never writes a byte. */
export async function startSilentHost(): Promise<SilentHost> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
