import { connect } from 'node:net';
import {
  convertToGeminiMessages,
  formatPrompt,
  generateSignature,
  type Message,
} from '@freechat/core';
import { request } from 'undici';
import type { SiteId } from '../src/sites/site-id.js';
import { GPROCHAT_SECRET } from '../src/sites/site-profile.js';

/** The fixed clock of the tests' emulators, in milliseconds. */
export const TEST_NOW = 1_700_000_000_000;

/** A body as each site's front end would build it for a conversation, signed at `TEST_NOW`. */
export function signedBody(
  site: SiteId,
  messages: readonly Message[],
  nowMs = TEST_NOW,
): Record<string, unknown> {
  const last = messages[messages.length - 1]?.content ?? '';
  switch (site) {
    case 'free2gpt':
      return { messages, time: nowMs, pass: null, sign: generateSignature(nowMs, last) };
    case 'aichatfree':
      return {
        messages: convertToGeminiMessages(messages),
        time: nowMs,
        pass: null,
        sign: generateSignature(nowMs, last),
      };
    case 'gprochat': {
      const text = formatPrompt(messages);
      return {
        messages: [{ role: 'user', parts: [{ text }] }],
        time: nowMs,
        pass: null,
        sign: generateSignature(nowMs, text, GPROCHAT_SECRET),
      };
    }
    case 'freegpt': {
      const time = Math.floor(nowMs / 1000);
      return { messages, time, pass: null, sign: generateSignature(time, last) };
    }
  }
}

/** What `postGenerate` received. */
export interface TestReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Options of `postGenerate`. */
export interface PostOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  method?: 'POST' | 'GET' | 'PUT';
  path?: string;
}

/** Sends a body (JSON-encoded unless a string) to `{base}/api/generate` as the browsers do, as text/plain. */
export async function postGenerate(
  baseURL: string,
  body: unknown,
  options: PostOptions = {},
): Promise<TestReply> {
  const response = await request(`${baseURL}${options.path ?? '/api/generate'}`, {
    method: options.method ?? 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...options.headers },
    body:
      options.method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: options.signal,
  });
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of response.body)
    text += decoder.decode(chunk as Buffer, { stream: true });
  text += decoder.decode();
  return { status: response.statusCode, headers: response.headers, text };
}

/** What a raw exchange received: every byte until the socket closed, and the socket's error if any. */
export interface RawExchange {
  received: Buffer;
  error: (Error & { code?: string }) | undefined;
}

/**
 * Sends a POST (or `method`) over a raw socket with `connection: close` to `url`'s origin and `path` as given
 * (by default `url`'s own path), and resolves once the socket closes with every byte received before,
 * even when it closed with an error (a reset), so tests can see the chunked framing itself.
 */
export function rawRequest(
  url: string,
  body: string | Buffer,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
): Promise<RawExchange> {
  const target = new URL(url);
  const lines = [
    `${options.method ?? 'POST'} ${options.path ?? target.pathname} HTTP/1.1`,
    `host: ${target.host}`,
    'content-type: text/plain;charset=UTF-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    const received: Buffer[] = [];
    let error: RawExchange['error'];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (caught) => {
      error = caught;
    });
    socket.on('close', () => resolve({ received: Buffer.concat(received), error }));
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    socket.write(body);
  });
}

/** `rawRequest` to `url`, rejecting with the socket's error if it had one. */
export async function rawPost(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Buffer> {
  const { received, error } = await rawRequest(url, body, { headers });
  if (error !== undefined) throw error;
  return received;
}

/** Splits a raw HTTP/1.1 response into its head and the sizes and data of its chunks. */
export function parseChunked(raw: Buffer): { head: string; chunks: Buffer[]; terminated: boolean } {
  const headEnd = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, headEnd).toString('latin1');
  const chunks: Buffer[] = [];
  let offset = headEnd + 4;
  while (offset < raw.length) {
    const lineEnd = raw.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(raw.subarray(offset, lineEnd).toString('latin1'), 16);
    if (size === 0) return { head, chunks, terminated: true };
    chunks.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return { head, chunks, terminated: false };
}
