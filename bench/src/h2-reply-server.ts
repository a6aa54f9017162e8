import { once } from 'node:events';
import { createServer, type Http2Session, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { emulatedReplyBytes, SCENARIO_HEADER } from '@freechat/emulator';
import { BENCH_MESSAGES } from './signed-request.js';

/** A running cleartext HTTP/2 reply server. */
export interface H2ReplyServer {
  /** `http://127.0.0.1:PORT` (h2c: HTTP/2 without TLS, prior knowledge). */
  url: string;
  close(): Promise<void>;
}

/**
 * S5's upstream for Node's own `node:http2` client (the emulator speaks HTTP/1.1 only): answers each
 * POST stream with the emulator's exact reply bytes for the bench's question and the `{ size,
 * chunkSize, delayMs }` step of the `x-emulator-scenario` header, `chunkSize` bytes every `delayMs`.
 * The request body (a signed Free2GPT request) is read and ignored. Many streams share one connection.
 */
export async function startH2ReplyServer(): Promise<H2ReplyServer> {
  const sessions = new Set<Http2Session>();
  const server = createServer({
    maxSessionMemory: 1024,
    settings: { maxConcurrentStreams: 100_000 },
  });
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream: ServerHttp2Stream, headers) => {
    const step = JSON.parse(String(headers[SCENARIO_HEADER] ?? '{}')) as {
      size?: number;
      chunkSize?: number;
      delayMs?: number;
    };
    const reply = emulatedReplyBytes('free2gpt', BENCH_MESSAGES, step);
    const chunkSize = step.chunkSize ?? reply.length;
    stream.resume();
    stream.on('end', () => {
      stream.respond({ ':status': 200, 'content-type': 'text/plain; charset=utf-8' });
      let offset = 0;
      const writeNext = () => {
        if (stream.destroyed) return;
        stream.write(reply.subarray(offset, offset + chunkSize));
        offset += chunkSize;
        if (offset >= reply.length) stream.end();
        else setTimeout(writeNext, step.delayMs ?? 0);
      };
      writeNext();
    });
    stream.on('error', () => stream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
