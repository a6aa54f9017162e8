import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SCENARIO_HEADER } from '@freechat/emulator';

/** The line an ASCII reply repeats. */
const ASCII_LINE = 'The quick brown fox jumps over the lazy dog, 0123456789. ';

/** The first `size` characters of the ASCII reply: `ASCII_LINE` repeated. */
export function asciiReplyText(size: number): string {
  return ASCII_LINE.repeat(Math.ceil(size / ASCII_LINE.length)).slice(0, size);
}

/** A running ASCII reply server. */
export interface AsciiReplyServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  close(): Promise<void>;
}

/**
 * S3a's upstream (the emulator's generated replies mix in multi-byte UTF-8 and a header cannot carry
 * 64 MiB of text): answers any POST with `size` bytes of `asciiReplyText`, in `chunkSize` writes that
 * wait for the socket to drain, like the emulator's `{ size, chunkSize }` step read from the same
 * `x-emulator-scenario` header. The request body (a signed Free2GPT request) is read and ignored.
 */
export async function startAsciiReplyServer(): Promise<AsciiReplyServer> {
  const server = createServer((request, response) => {
    const step = JSON.parse(String(request.headers[SCENARIO_HEADER] ?? '{}')) as {
      size?: number;
      chunkSize?: number;
    };
    const size = step.size ?? 0;
    const chunkSize = step.chunkSize ?? 4096;
    const line = Buffer.from(asciiReplyText(chunkSize + ASCII_LINE.length));
    request.resume();
    request.on('end', async () => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      // Each chunk is the next `chunkSize` bytes of the repeated line: its offset modulo the line.
      for (let offset = 0; offset < size; offset += chunkSize) {
        const start = offset % ASCII_LINE.length;
        const piece = line.subarray(start, start + Math.min(chunkSize, size - offset));
        if (!response.write(piece)) {
          await drainedOrClosed(response);
          if (response.destroyed) return;
        }
      }
      response.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves when the response can take more, or has closed; leaves no listener behind. */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      response.off('drain', settle);
      response.off('close', settle);
      resolve();
    };
    response.on('drain', settle);
    response.on('close', settle);
  });
}
