import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse, type RawResponse, rawSocket } from '../../test/test-raw-http.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { KEEP_ALIVE_TIMEOUT } from './http-options.js';

const API_KEY = 'sk-unread-body-0123456789';

let test: TestServer;
beforeAll(async () => {
  // requestTimeout off: only the refusal itself, or the idle connection's keep-alive timeout, can
  // close the connection.
  test = await startTestServer({
    server: { apiKey: API_KEY, bodyLimit: 1024, requestTimeout: 0 },
  });
});
afterAll(() => test.close());

/** A head that declares a body of 999 999 999 999 bytes. */
function hugeUpload(path: string, headers: string): string {
  return (
    `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
    `content-length: 999999999999\r\n${headers}\r\n`
  );
}

/**
 * Sends `head`, then (with `upload`) body bytes for as long as the socket takes them, and waits for
 * the server to close the socket: within {@link KEEP_ALIVE_TIMEOUT}, before the keep-alive timeout of
 * an idle connection could close it. Returns what the server answered and whether it closed in time.
 */
async function answerAndClose(
  head: string,
  upload = false,
): Promise<RawResponse & { closed: boolean }> {
  const socket = await rawSocket(test.url);
  let received = '';
  socket.on('data', (chunk) => {
    received += String(chunk);
  });
  socket.write(head);
  if (upload) {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const send = () => {
      while (!socket.destroyed && socket.write(chunk));
    };
    socket.on('drain', send);
    send();
  }
  const closed = await closedWithin(socket, KEEP_ALIVE_TIMEOUT);
  socket.destroy();
  const response =
    received === '' ? { status: 0, headers: '', body: undefined } : parseResponse(received);
  return { ...response, closed };
}

async function closedWithin(socket: Socket, milliseconds: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), milliseconds);
  });
  const closed = new Promise<true>((resolve) => socket.once('close', () => resolve(true)));
  try {
    return await Promise.race([closed, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a response sent before the request body is read closes the connection', () => {
  it('a wrong key with a huge Content-Length: 401, Connection: close, and the socket closed without the body', async () => {
    const response = await answerAndClose(
      hugeUpload('/v1/chat/completions', 'authorization: Bearer wrong\r\n'),
    );
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: 'invalid_api_key' } });
    expect(response.headers).toContain('connection: close');
    expect(response.closed).toBe(true);
  }, 20_000);

  it('no key, and a client that keeps uploading: the socket closed', async () => {
    const response = await answerAndClose(hugeUpload('/v1/chat/completions', ''), true);
    expect(response.closed).toBe(true);
    // Closed while bytes still arrive, the connection is reset: the client may lose the 401.
    if (response.status !== 0) expect(response.status).toBe(401);
  }, 20_000);

  it('the right key and a declared length over bodyLimit: 413, and the socket closed', async () => {
    const response = await answerAndClose(
      hugeUpload('/v1/chat/completions', `authorization: Bearer ${API_KEY}\r\n`),
    );
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { code: 'request_too_large' } });
    expect(response.closed).toBe(true);
  }, 20_000);

  it('a GET with a body, answered without it: the socket closed', async () => {
    const response = await answerAndClose(
      'GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 999999999999\r\n\r\n',
    );
    expect(response.status).toBe(200);
    expect(response.closed).toBe(true);
  }, 20_000);

  it('keeps the connection of a refused request whose body is within bodyLimit, or has none', async () => {
    const socket = await rawSocket(test.url);
    let received = '';
    const threeResponses = new Promise<void>((resolve) => {
      socket.on('data', (chunk) => {
        received += String(chunk);
        if ((received.match(/HTTP\/1\.1 /g) ?? []).length === 3) resolve();
      });
    });
    const body = JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content: 'hi' }] });
    socket.write(
      'POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
        `authorization: Bearer wrong\r\ncontent-length: ${body.length}\r\n\r\n${body}` +
        'GET /v1/models HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n' +
        'GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n',
    );
    await threeResponses;
    expect(received.match(/HTTP\/1\.1 \d+/g)).toEqual([
      'HTTP/1.1 401',
      'HTTP/1.1 401',
      'HTTP/1.1 200',
    ]);
    expect(received.toLowerCase()).not.toContain('connection: close');
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });
});
