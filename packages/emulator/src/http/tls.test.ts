import { once } from 'node:events';
import { type ClientHttp2Session, connect, constants } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import type { Message } from '@freechat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedBody, TEST_NOW } from '../../test/test-client.js';
import { PARTIAL_REPLY_CHUNKS } from '../faults/partial-reply.js';
import { emulatedReplyText } from '../replies/emulated-reply.js';
import { type Emulator, startEmulator } from '../start-emulator.js';

const HELLO: Message[] = [{ role: 'user', content: 'Hello over TLS' }];
const body = JSON.stringify(signedBody('free2gpt', HELLO));

let emulator: Emulator;
let session: ClientHttp2Session;

beforeAll(async () => {
  emulator = await startEmulator({ tls: true, now: () => TEST_NOW, strict: true });
  session = connect(emulator.url, { ca: emulator.certificate });
  await once(session, 'connect');
});

afterAll(async () => {
  session.close();
  await emulator.close();
});

/** One POST on the HTTP/2 session: its status, headers, body text and the stream's reset code. */
async function postH2(headers: Record<string, string> = {}) {
  const path = new URL(`${emulator.sites.free2gpt}/api/generate`).pathname;
  const stream = session.request({ ':method': 'POST', ':path': path, ...headers });
  stream.end(body);
  let status: number | undefined;
  let responseHeaders: Record<string, unknown> = {};
  stream.on('response', (received) => {
    status = Number(received[':status']);
    responseHeaders = received;
  });
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (piece: string) => {
    text += piece;
  });
  stream.on('error', () => {});
  await new Promise((resolve) => stream.once('close', resolve));
  return { status, headers: responseHeaders, text, rstCode: stream.rstCode };
}

describe('the emulator over TLS', () => {
  it('serves HTTPS with its own certificate, HTTP/2 and HTTP/1.1 by ALPN, and logs the version', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.certificate).toContain('BEGIN CERTIFICATE');
    const h2 = await postH2();
    expect(h2).toMatchObject({ status: 200, text: emulatedReplyText('free2gpt', HELLO) });
    // HTTP/2 forbids HTTP/1.1's framing headers: the reply's `transfer-encoding` is left out.
    expect(h2.headers['transfer-encoding']).toBeUndefined();
    expect(emulator.requests.at(-1)).toMatchObject({ httpVersion: '2.0', verdict: 'ok' });

    const h1 = https1Post();
    const [response] = (await once(h1, 'response')) as [import('node:http').IncomingMessage];
    let text = '';
    for await (const piece of response) text += piece;
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(text).toBe(emulatedReplyText('free2gpt', HELLO));
    expect(emulator.requests.at(-1)).toMatchObject({ httpVersion: '1.1', verdict: 'ok' });
  });

  it('resets only the stream for a reset fault over HTTP/2; the connection serves the next request', async () => {
    emulator.scenario('free2gpt', { fault: 'reset-mid-reply' }, { fault: 'reset-before-headers' });
    const mid = await postH2();
    expect(mid.rstCode).toBe(constants.NGHTTP2_INTERNAL_ERROR);
    expect(mid.status).toBe(200);
    expect(mid.text.length).toBeGreaterThan(0);
    const before = await postH2();
    expect(before).toMatchObject({ status: undefined, rstCode: constants.NGHTTP2_INTERNAL_ERROR });
    expect(emulator.requests.slice(-2).map((entry) => entry.status)).toEqual([200, undefined]);
    expect((await postH2()).status).toBe(200);
    expect(session.destroyed).toBe(false);
  });

  it('ends the whole HTTP/2 connection for a truncated reply, after part of it', async () => {
    emulator.scenario('free2gpt', { fault: 'truncated', chunkSize: 4 });
    const own = connect(emulator.url, { ca: emulator.certificate });
    own.on('error', () => {});
    const path = new URL(`${emulator.sites.free2gpt}/api/generate`).pathname;
    const stream = own.request({ ':method': 'POST', ':path': path });
    stream.on('error', () => {});
    stream.end(body);
    let received = 0;
    stream.on('data', (piece: Buffer) => {
      received += piece.length;
    });
    await new Promise((resolve) => own.once('close', resolve));
    expect(received).toBe(4 * PARTIAL_REPLY_CHUNKS);
    const entry = emulator.requests.at(-1)!;
    await entry.closed;
    expect(entry).toMatchObject({ reason: 'truncated', status: 200, clientClosed: false });
  });

  it('refuses a tls option that is neither true nor a key and a certificate, before listening', async () => {
    for (const tls of [false, 'pem', { key: 'k' }, { cert: 'c', key: '' }]) {
      await expect(startEmulator({ tls: tls as never })).rejects.toMatchObject({
        name: 'InvalidSettingError',
        field: expect.stringMatching(/^tls/),
      });
    }
  });
});

function https1Post() {
  const target = new URL(`${emulator.sites.free2gpt}/api/generate`);
  const request = httpsRequest(target, {
    method: 'POST',
    ca: emulator.certificate,
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
  });
  request.end(body);
  return request;
}
