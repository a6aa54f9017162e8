import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';

/** The longest request line kept; a longer one is cut there. */
const MAX_LINE = 2048;

/**
 * A loopback listener that stands in for the HTTP(S) proxy and the npm registry of an agent under
 * test: every connection it gets is an attempt to reach beyond the machine. It keeps each one's
 * request line (`CONNECT chatgpt.com:443 HTTP/1.1`, `GET /@opencode-ai%2fplugin HTTP/1.1`) and
 * refuses it with a 403, so the agent fails at once instead of reaching out.
 */
export interface OutsideGuard {
  /** Its URL, `http://127.0.0.1:PORT`, for `HTTPS_PROXY` and `npm_config_registry`. */
  url: string;
  /** The request line of each attempt, in order. */
  attempts: string[];
  /** Stops it, closing any connection still open. */
  close(): Promise<void>;
}

/** Starts an outside guard on a free loopback port. */
export async function startOutsideGuard(): Promise<OutsideGuard> {
  const attempts: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let head = '';
    const read = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n');
      if (end < 0 && head.length < MAX_LINE) return;
      socket.off('data', read);
      attempts.push(head.slice(0, end < 0 ? MAX_LINE : end));
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    };
    socket.on('data', read);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
