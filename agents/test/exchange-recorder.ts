import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJsonText } from './json-text.js';

/** One request an agent sent to the server, and the server's answer, whole. */
export interface Exchange {
  /** `POST`, `GET`, `HEAD`, … */
  method: string;
  /** The path with its query (`/v1/messages?beta=true`). */
  path: string;
  /** The request body parsed as JSON; `undefined` when empty or not JSON. */
  request: unknown;
  /** The response's status. */
  status: number;
  /** The response's content type (`text/event-stream` for a stream). */
  contentType: string;
  /** The response body as text: a JSON document, or a whole event stream. */
  response: string;
}

/** A loopback HTTP server that forwards everything to a target and keeps each exchange. */
export interface ExchangeRecorder {
  /** Its base URL, to give the agent instead of the target's. */
  url: string;
  /** The exchanges whose response ended, in the order they ended. */
  exchanges: Exchange[];
  /** Stops it, closing any connection still open. */
  close(): Promise<void>;
}

/**
 * Starts a recorder in front of `target` (`http://127.0.0.1:PORT`): each request is forwarded as it
 * came (its `Host` the target's), the response streamed back as it arrives, and both kept. It is
 * what the server saw, read where the agent cannot change it.
 */
export async function startExchangeRecorder(target: string): Promise<ExchangeRecorder> {
  const targetURL = new URL(target);
  const exchanges: Exchange[] = [];
  const server = createServer((incoming, outgoing) => {
    const body: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => body.push(chunk));
    incoming.on('end', () => {
      const requestBody = Buffer.concat(body);
      const upstream = request(new URL(incoming.url ?? '/', targetURL), {
        method: incoming.method,
        headers: { ...incoming.headers, host: targetURL.host },
      });
      outgoing.on('close', () => upstream.destroy());
      upstream.on('error', (error) => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`recorder: ${error.message}`);
      });
      upstream.on('response', (response) => {
        outgoing.writeHead(response.statusCode ?? 502, withoutHopByHop(response.headers));
        const received: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          received.push(chunk);
          outgoing.write(chunk);
        });
        response.on('end', () => {
          exchanges.push({
            method: incoming.method ?? '',
            path: incoming.url ?? '',
            request: parseJsonText(requestBody.toString('utf8')),
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            response: Buffer.concat(received).toString('utf8'),
          });
          outgoing.end();
        });
      });
      upstream.end(requestBody);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** The headers of a response without those that describe one connection's framing. */
function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { connection, 'keep-alive': keepAlive, 'transfer-encoding': encoding, ...rest } = headers;
  return rest;
}
