import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the test server saw of one request. */
export interface SeenRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Resolves once the server side of this request's connection or response is closed. */
  closed: Promise<void>;
  /** True when the client went away before the response was complete. */
  clientClosed: () => boolean;
}

/** A handler the test installs: it answers one request however it likes. */
export type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => unknown;

/** A small HTTP server for core's own tests: each test sets how it answers and reads what it saw. */
export interface TestServer {
  url: string;
  requests: SeenRequest[];
  handle(handler: Handler): void;
  openSockets(): number;
  /** Connections accepted since the server started. */
  connections(): number;
  /** Resolves once `count` requests have arrived in all. */
  requestArrived(count: number): Promise<void>;
  /** Resolves once no socket is open. */
  socketsClosed(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the test server on 127.0.0.1, port 0. By default it answers 200 "ok". */
export async function startTestServer(): Promise<TestServer> {
  let handler: Handler = (_request, response) => response.end('ok');
  const sockets = new Set<Socket>();
  let connections = 0;
  const requests: SeenRequest[] = [];
  const events = new EventEmitter();
  const until = async (done: () => boolean): Promise<void> => {
    while (!done()) await once(events, 'change');
  };
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    let finished = false;
    let clientClosed = false;
    response.on('finish', () => {
      finished = true;
    });
    const closed = once(response, 'close').then(() => {
      clientClosed = !finished;
    });
    requests.push({
      path: request.url ?? '',
      headers: request.headers,
      body,
      closed,
      clientClosed: () => clientClosed,
    });
    events.emit('change');
    await handler(request, response, body);
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      events.emit('change');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    openSockets: () => sockets.size,
    connections: () => connections,
    requestArrived: (count) => until(() => requests.length >= count),
    socketsClosed: () => until(() => sockets.size === 0),
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Writes `chunks` one write each, waiting for the previous to be flushed, then ends the response. */
export async function writeChunks(
  response: ServerResponse,
  chunks: readonly (string | Uint8Array)[],
): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  for (const chunk of chunks) {
    if (!response.write(chunk)) await once(response, 'drain');
    await new Promise((resolve) => setImmediate(resolve));
  }
  response.end();
}
