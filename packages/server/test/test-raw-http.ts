import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { expect } from 'vitest';

/** Opens a raw TCP socket to the server at `url` (its base URL), once connected. */
export async function rawSocket(url: string): Promise<Socket> {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

/** Writes `raw` on a fresh socket and returns everything the server sends until it closes. */
export async function exchange(url: string, raw: string): Promise<string> {
  const socket = await rawSocket(url);
  let received = '';
  socket.on('data', (chunk) => {
    received += String(chunk);
  });
  socket.write(raw);
  await once(socket, 'close');
  return received;
}

/** One raw HTTP response: its status, its head in lowercase, and its body parsed as JSON. */
export interface RawResponse {
  status: number;
  headers: string;
  body: unknown;
}

/** The status, the head and the parsed JSON body of one raw HTTP response. */
export function parseResponse(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  expect(end, `not an HTTP response: ${JSON.stringify(raw.slice(0, 200))}`).toBeGreaterThan(0);
  const head = raw.slice(0, end);
  return {
    status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]),
    headers: head.toLowerCase(),
    body: JSON.parse(raw.slice(end + 4)),
  };
}

/** How many sockets `server` holds open. */
export function serverSockets(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

/**
 * Waits, a turn of the event loop at a time and for at most a second, until `server` holds no
 * socket; false if it still holds one then.
 */
export async function noServerSocket(server: Server): Promise<boolean> {
  const deadline = Date.now() + 1000;
  while ((await serverSockets(server)) > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}
