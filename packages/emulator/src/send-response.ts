import type { ServerResponse } from 'node:http';
import type { FixedResponse } from './fault-responses.js';
import type { Rejection } from './rejection.js';
import { type WritePacing, writeChunks } from './write-chunks.js';

/** The content type of every streamed reply. */
export const REPLY_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** Sends a complete response with a `content-length`. */
export function sendFixed(response: ServerResponse, fixed: FixedResponse): void {
  response.writeHead(fixed.status, {
    ...fixed.headers,
    'content-length': String(Buffer.byteLength(fixed.body)),
  });
  response.end(fixed.body);
}

/** Sends a rejection in the sites' form, `{"error":{"message":…,"detail":…}}`. */
export function sendRejection(
  response: ServerResponse,
  rejection: Rejection,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ error: { message: rejection.message, detail: rejection.detail } });
  sendFixed(response, {
    status: rejection.status,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/**
 * Streams a 200 `text/plain` reply with chunked transfer encoding, one HTTP chunk per given chunk, and
 * ends it with the terminating zero-length chunk unless the connection closed first.
 */
export async function streamReply(
  response: ServerResponse,
  chunks: Iterable<Uint8Array>,
  pacing: WritePacing,
): Promise<void> {
  response.writeHead(200, { 'content-type': REPLY_CONTENT_TYPE, 'transfer-encoding': 'chunked' });
  if (await writeChunks(response, chunks, pacing)) response.end();
}
