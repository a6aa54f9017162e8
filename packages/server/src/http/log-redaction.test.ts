import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, parseResponse } from '../../test/test-raw-http.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { redactSecrets } from './log-redaction.js';

const API_KEY = 'sk-log-0123456789';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { logger: true, apiKey: API_KEY } });
});
afterAll(() => test.close());

function get(path: string, headers: Record<string, string> = {}) {
  return request(`${test.url}${path}`, { headers }).then(async (response) => {
    await response.body.dump();
    return response.statusCode;
  });
}

/** The `incoming request` lines' `req` fields, in order. */
function loggedRequests(): { url: string; host: string }[] {
  return test.logs
    .map((line) => JSON.parse(line) as { msg: string; req?: { url: string; host: string } })
    .filter((entry) => entry.msg === 'incoming request')
    .map((entry) => entry.req!);
}

describe('credentials in a request URL never reach the log', () => {
  it('masks query credentials and userinfo in every line the server writes', async () => {
    const bearer = { authorization: `Bearer ${API_KEY}` };
    expect(await get('/v1/models?api_key=sk-leak-1&limit=5', bearer)).toBe(200);
    expect(await get('/v1/models?key=sk-leak-2')).toBe(401);
    expect(await get('/nowhere?token=sk-leak-3', bearer)).toBe(404);
    expect(
      await get(
        '/healthz?access_token=sk-leak-4&x-api-key=sk-leak-5&API%5FKEY=sk-leak-6&client_secret=sk-leak-7&password=sk-leak-8&model=free2gpt',
      ),
    ).toBe(200);
    const badEscape = parseResponse(
      await exchange(
        test.url,
        'GET /v1/%zz?api_key=sk-leak-9 HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n',
      ),
    );
    expect(badEscape.status).toBe(400);
    expect(badEscape.body).toMatchObject({
      error: { type: 'invalid_request_error', code: 'malformed_http' },
    });
    const port = new URL(test.url).port;
    await exchange(
      test.url,
      `GET http://alice:sk-leak-10@127.0.0.1:${port}/healthz HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: close\r\n\r\n`,
    );
    await exchange(
      test.url,
      `GET /healthz HTTP/1.1\r\nhost: alice:sk-leak-11@127.0.0.1\r\nconnection: close\r\n\r\n`,
    );

    const log = test.logs.join('');
    expect(log).toContain('incoming request');
    expect(log).toContain('request refused');
    expect(log).not.toContain('sk-leak');
    expect(loggedRequests().map((logged) => logged.url)).toEqual([
      '/v1/models?api_key=***&limit=5',
      '/v1/models?key=***',
      '/nowhere?token=***',
      '/healthz?access_token=***&x-api-key=***&API%5FKEY=***&client_secret=***&password=***&model=free2gpt',
      '/v1/%zz?api_key=***',
      `http://***@127.0.0.1:${port}/healthz`,
      '/healthz',
    ]);
    expect(loggedRequests().at(-1)!.host).toBe('***@127.0.0.1');
  });
});

describe('redactSecrets', () => {
  it.each([
    ['/v1/models', '/v1/models'],
    ['/v1/models?model=free2gpt&limit=5', '/v1/models?model=free2gpt&limit=5'],
    ['/x?Token=a&AUTH=b;sig=c', '/x?Token=***&AUTH=***;sig=***'],
    ['/x?api_key=', '/x?api_key='],
    ['/x?a=1#key=fragment', '/x?a=1#key=fragment'],
    ['https://u:p@site.example/?key=k', 'https://***@site.example/?key=***'],
    [
      'failed: GET https://site.example/v1?key=k&q=1 (HTTP 500)',
      'failed: GET https://site.example/v1?key=***&q=1 (HTTP 500)',
    ],
  ])('%s → %s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });
});
