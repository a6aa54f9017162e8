import type { Socket } from 'node:net';
import { Client } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { noServerSocket, rawSocket } from '../../test/test-raw-http.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { DEFAULT_MAX_CONNECTIONS, resolveServerOptions } from '../options.js';
import { HEADERS_TIMEOUT, KEEP_ALIVE_TIMEOUT } from './http-options.js';

const CAP = 20;

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { maxConnections: CAP }, providers: { maxRetries: 0 } });
});
afterAll(() => test.close());

/** Every socket a test opened, destroyed after it. */
const opened: Socket[] = [];
afterEach(async () => {
  for (const socket of opened.splice(0)) socket.destroy();
  // The next test starts with no socket of this one left on the server.
  expect(await noServerSocket(test.server.fastify.server)).toBe(true);
  test.emulator.reset();
});

/** A socket and a promise of its close by the server. */
interface Tracked {
  socket: Socket;
  closed: Promise<void>;
  isClosed(): boolean;
}

/** Opens `count` sockets one after the other, each connected before the next is opened. */
async function openSockets(count: number): Promise<Tracked[]> {
  const sockets: Tracked[] = [];
  for (let index = 0; index < count; index++) {
    const socket = await rawSocket(test.url);
    opened.push(socket);
    let isClosed = false;
    const closed = new Promise<void>((resolve) =>
      socket.once('close', () => {
        isClosed = true;
        resolve();
      }),
    );
    sockets.push({ socket, closed, isClosed: () => isClosed });
  }
  return sockets;
}

/** Sends a request on `socket` and resolves once the response's first bytes arrive. */
function firstResponseBytes(socket: Socket, raw: string): Promise<string> {
  const answered = new Promise<string>((resolve) =>
    socket.once('data', (chunk) => resolve(String(chunk))),
  );
  socket.write(raw);
  return answered;
}

function streamingRequest(): string {
  const body = JSON.stringify({
    model: 'free2gpt',
    stream: true,
    messages: [{ role: 'user', content: 'Take your time.' }],
  });
  return (
    'POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
    `content-length: ${body.length}\r\n\r\n${body}`
  );
}

const KEEP_ALIVE_REQUEST = 'GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n';

describe('maxConnections', () => {
  it('keeps serving a legitimate client while idle sockets flood the cap: the oldest idle ones are closed', async () => {
    const flood = await openSockets(2 * CAP);
    // Each socket past the cap closed the oldest one that never sent a request.
    await Promise.all(flood.slice(0, CAP).map((tracked) => tracked.closed));
    expect(flood.map((tracked) => tracked.isClosed())).toEqual([
      ...Array<boolean>(CAP).fill(true),
      ...Array<boolean>(CAP).fill(false),
    ]);

    const client = new Client(test.url);
    try {
      const response = await client.request({ method: 'GET', path: '/v1/models' });
      expect(response.statusCode).toBe(200);
      await response.body.dump();
    } finally {
      await client.close();
    }
    // The legitimate client's connection made room for itself by closing the next oldest.
    await flood[CAP]!.closed;
    expect(flood.slice(CAP + 1).every((tracked) => !tracked.isClosed())).toBe(true);
  });

  it('closes a socket that never sent a request before one kept alive between requests', async () => {
    const [keptAlive] = await openSockets(1);
    expect(await firstResponseBytes(keptAlive!.socket, KEEP_ALIVE_REQUEST)).toMatch(
      /^HTTP\/1\.1 200 /,
    );
    const silent = await openSockets(CAP - 1);
    const [newcomer] = await openSockets(1);
    await silent[0]!.closed;
    expect(keptAlive!.isClosed()).toBe(false);
    expect(newcomer!.isClosed()).toBe(false);
  });

  it('never closes a socket with a request in flight: the idle one goes first, then the newcomer itself', async () => {
    const stall = { fault: 'stall-mid-reply' as const, text: 'A reply that stalls.' };
    test.emulator.scenario('free2gpt', ...Array<typeof stall>(CAP).fill(stall));
    /** Starts a streaming request on each socket; resolves once each has its first text. */
    const inFlight = (sockets: Tracked[]) =>
      Promise.all(
        sockets.map(async ({ socket }) =>
          expect(await firstResponseBytes(socket, streamingRequest())).toMatch(/^HTTP\/1\.1 200 /),
        ),
      );
    const streams = await openSockets(CAP - 1);
    await inFlight(streams);
    const [keptAlive] = await openSockets(1);
    expect(await firstResponseBytes(keptAlive!.socket, KEEP_ALIVE_REQUEST)).toMatch(
      /^HTTP\/1\.1 200 /,
    );

    const [last] = await openSockets(1);
    await keptAlive!.closed;
    await inFlight([last!]);
    // Every socket has a request in flight: the newcomer is the one closed.
    const [refused] = await openSockets(1);
    await refused!.closed;
    expect([...streams, last!].every((stream) => !stream.isClosed())).toBe(true);
  });

  it('defaults to 256; 0 turns the cap off', () => {
    expect(DEFAULT_MAX_CONNECTIONS).toBe(256);
    expect(resolveServerOptions({}).maxConnections).toBe(256);
    expect(resolveServerOptions({ maxConnections: 0 }).maxConnections).toBe(0);
    expect(() => resolveServerOptions({ maxConnections: -1 })).toThrow(
      '[server] invalid maxConnections: expected a whole number from 0',
    );
  });
});

describe('idle connections', () => {
  it('closes a connection that sends nothing within HEADERS_TIMEOUT, though requestTimeout is longer', async () => {
    const [silent] = await openSockets(1);
    const since = performance.now();
    await silent!.closed;
    // Node checks every second: the cut comes within a second of the bound.
    expect(performance.now() - since).toBeLessThan(HEADERS_TIMEOUT + 1500);
    expect(resolveServerOptions({}).requestTimeout).toBeGreaterThan(HEADERS_TIMEOUT + 1500);
  }, 20_000);

  it('keeps an idle connection 5 s, and says so', async () => {
    const [keptAlive] = await openSockets(1);
    const head = await firstResponseBytes(keptAlive!.socket, KEEP_ALIVE_REQUEST);
    expect(head.toLowerCase()).toContain(`keep-alive: timeout=${KEEP_ALIVE_TIMEOUT / 1000}`);
    expect(KEEP_ALIVE_TIMEOUT).toBe(5000);
    expect(test.server.fastify.server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT);
    expect(test.server.fastify.server.headersTimeout).toBe(HEADERS_TIMEOUT);
  });
});
