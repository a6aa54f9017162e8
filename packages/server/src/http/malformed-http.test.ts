import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, parseResponse } from '../../test/test-raw-http.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer();
});
afterAll(() => test.close());

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
      const response = parseResponse(await exchange(test.url, raw));
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
