import type { TemplateId } from '@freechat/core';
import type { Rejection } from '../faults/rejection.js';
import { type EmulatorResponse, writeHead } from './response-protocol.js';
import { type WritePacing, writeChunks } from './write-chunks.js';

/** The content type of GeminiProChat's streamed reply (chatgpt-demo's has none). */
export const REPLY_CONTENT_TYPE = 'text/plain; charset=utf-8';

/**
 * The content type of the JSON errors a template writes itself: it answers
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
export function sendFixed(response: EmulatorResponse, fixed: FixedResponse): void {
  writeHead(response, fixed.status, {
    ...fixed.headers,
    'content-length': String(Buffer.byteLength(fixed.body)),
  });
  response.end(fixed.body);
}

/** A JSON error body as a template writes it: `{"error":{…}}` typed `text/plain;charset=UTF-8`. */
export function jsonError(status: number, error: Readonly<Record<string, string>>): FixedResponse {
  return {
    status,
    headers: { 'content-type': ERROR_CONTENT_TYPE },
    body: JSON.stringify({ error }),
  };
}

/**
 * Sends a rejection as the site does. A JSON body gets the precise reason as `detail` in strict mode
 * and for the emulator's own answers (the templates send no `detail`); a raw body goes with no content
 * type.
 */
export function sendRejection(
  response: EmulatorResponse,
  rejection: Rejection,
  strict: boolean,
): void {
  const { body } = rejection;
  const fixed =
    body.kind === 'raw'
      ? { status: rejection.status, headers: {}, body: body.text }
      : jsonError(
          rejection.status,
          strict || rejection.emulatorOwn === true
            ? { ...body.error, detail: rejection.detail }
            : body.error,
        );
  sendFixed(response, { ...fixed, headers: { ...fixed.headers, ...rejection.headers } });
}

/**
 * The headers of a template's 200 reply: GeminiProChat types it `text/plain; charset=utf-8`,
 * chatgpt-demo sends no content type; both stream with chunked transfer encoding.
 */
export function replyHeaders(template: TemplateId): Record<string, string> {
  return template === 'gemini-pro-chat'
    ? { 'content-type': REPLY_CONTENT_TYPE, 'transfer-encoding': 'chunked' }
    : { 'transfer-encoding': 'chunked' };
}

/**
 * Streams a 200 reply with chunked transfer encoding, one HTTP chunk per given chunk, and ends it with
 * the terminating zero-length chunk unless the connection closed first (or `end` is false: the reply
 * then stays open until the client or `close()` ends it).
 */
export async function streamReply(
  response: EmulatorResponse,
  headers: Record<string, string>,
  chunks: Iterable<Uint8Array>,
  pacing: WritePacing & { end?: boolean },
): Promise<void> {
  writeHead(response, 200, headers);
  if ((await writeChunks(response, chunks, pacing)) && pacing.end !== false) response.end();
}
