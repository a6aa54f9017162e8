import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer();
});
afterAll(() => test.close());

/** Writes `raw` on a fresh socket and returns everything the server sends until it closes. */
async function exchange(raw: string): Promise<string> {
  const socket = connect(Number(new URL(test.url).port), '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => {
    received += String(chunk);
  });
  socket.write(raw);
  await once(socket, 'close');
  return received;
}

/** The status and the parsed JSON body of one raw HTTP response. */
function parse(raw: string): { status: number; headers: string; body: unknown } {
  const end = raw.indexOf('\r\n\r\n');
  expect(end, `not an HTTP response: ${JSON.stringify(raw.slice(0, 200))}`).toBeGreaterThan(0);
  const head = raw.slice(0, end);
  return {
    status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]),
    headers: head.toLowerCase(),
    body: JSON.parse(raw.slice(end + 4)),
  };
}

const BODY = JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content: 'hi' }] });
const START =
  'POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n';

describe('malformed HTTP gets an OpenAI-shaped error and a closed connection', () => {
  for (const [name, raw, status, code] of [
    [
      'two Content-Length headers',
      `${START}content-length: ${BODY.length}\r\ncontent-length: ${BODY.length + 1}\r\n\r\n${BODY}`,
      400,
      'malformed_http',
    ],
    [
      'a bad chunk size',
      `${START}transfer-encoding: chunked\r\n\r\nzz\r\n${BODY}\r\n0\r\n\r\n`,
      400,
      'malformed_http',
    ],
    [
      'a 20 KB header',
      `${START}x-big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
      431,
      'request_headers_too_large',
    ],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 400, 'malformed_http'],
    [
      'an HTTP/1.1 request without Host',
      'GET /v1/models HTTP/1.1\r\nconnection: close\r\n\r\n',
      400,
      'malformed_http',
    ],
  ] as const) {
    it(`${name} → ${status} ${code}`, async () => {
      const response = parse(await exchange(raw));
      expect(response.status).toBe(status);
      expect(response.headers).toContain('content-type: application/json');
      expect(response.headers).toContain('connection: close');
      expect(response.body).toEqual({
        error: {
          message: expect.any(String),
          type: 'invalid_request_error',
          param: null,
          code,
        },
      });
      expect(test.emulator.requests).toHaveLength(0);
    });
  }
});
