import type { ServerResponse } from 'node:http';
import type { Rejection } from './rejection.js';
import { type WritePacing, writeChunks } from './write-chunks.js';

/** The content type of every streamed reply. */
export const REPLY_CONTENT_TYPE = 'text/plain; charset=utf-8';

/**
 * The content type of the sites' JSON error bodies: the GeminiProChat template answers
 * `new Response(JSON.stringify({error}), {status})`, which a fetch `Response` types as text.
 */
export const ERROR_CONTENT_TYPE = 'text/plain;charset=UTF-8';

/** A complete, non-streamed response. */
export interface FixedResponse {
  /** The HTTP status. */
  status: number;
  /** The response headers, names lowercased. */
  headers: Record<string, string>;
  /** The body, sent whole with a `content-length`. */
  body: string;
}

/** Sends a complete response with a `content-length`. */
export function sendFixed(response: ServerResponse, fixed: FixedResponse): void {
  response.writeHead(fixed.status, {
    ...fixed.headers,
    'content-length': String(Buffer.byteLength(fixed.body)),
  });
  response.end(fixed.body);
}

/**
 * Sends a rejection in the sites' form, `{"error":{"message":…,"detail":…}}` as `text/plain;charset=UTF-8`
 * (`detail` is the emulator's own addition), with the rejection's extra headers.
 */
export function sendRejection(response: ServerResponse, rejection: Rejection): void {
  const body = JSON.stringify({ error: { message: rejection.message, detail: rejection.detail } });
  sendFixed(response, {
    status: rejection.status,
    headers: { 'content-type': ERROR_CONTENT_TYPE, ...rejection.headers },
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
