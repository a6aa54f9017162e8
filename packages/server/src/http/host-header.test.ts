import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, parseResponse, type RawResponse } from '../../test/test-raw-http.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { resolveServerOptions } from '../options.js';

/** A guarded server (`allowedHosts` given), and one that turns the check off. */
let guarded: TestServer;
let open: TestServer;
beforeAll(async () => {
  [guarded, open] = await Promise.all([
    startTestServer({
      server: { ui: true, cors: true, allowedHosts: ['chat.example.com', '.team.example'] },
    }),
    startTestServer({ server: { allowedHosts: true } }),
  ]);
});
afterAll(() => Promise.all([guarded.close(), open.close()]));

/** Sends `GET path` (or another method) with this `Host` header on a fresh connection. */
async function requestWithHost(
  test: TestServer,
  host: string,
  path = '/v1/providers',
  extra = '',
): Promise<RawResponse> {
  const raw = `${path.startsWith('OPTIONS') ? path : `GET ${path}`} HTTP/1.1\r\nhost: ${host}\r\n${extra}connection: close\r\n\r\n`;
  return parseResponse(await exchange(test.url, raw));
}

function port(test: TestServer): string {
  return new URL(test.url).port;
}

describe('the Host header guards against DNS rebinding', () => {
  it('refuses a name the server was not given with a 403 in OpenAI shape, on every route', async () => {
    const host = `attacker.example:${port(guarded)}`;
    for (const path of ['/v1/providers', '/', '/healthz', '/metrics', '/v1/models', '/nowhere']) {
      const response = await requestWithHost(guarded, host, path);
      expect(response.status, path).toBe(403);
      expect(response.body, path).toEqual({
        error: {
          message: expect.stringContaining(`"${host}" names none of this server's hosts`),
          type: 'invalid_request_error',
          param: null,
          code: 'host_not_allowed',
        },
      });
    }
    const preflight = await requestWithHost(
      guarded,
      host,
      'OPTIONS /v1/chat/completions',
      `origin: http://${host}\r\naccess-control-request-method: POST\r\n`,
    );
    expect(preflight.status).toBe(403);
    expect(preflight.headers).not.toContain('access-control-allow-origin');
    expect(guarded.emulator.requests).toHaveLength(0);
  });

  it('answers localhost and any IP address, with or without a port, in any case', async () => {
    const p = port(guarded);
    for (const host of [
      `127.0.0.1:${p}`,
      `localhost:${p}`,
      `LocalHost:${p}`,
      `[::1]:${p}`,
      '127.0.0.1',
      'localhost',
      '192.168.1.20:8787',
      '[fe80::1]',
    ]) {
      expect((await requestWithHost(guarded, host)).status, host).toBe(200);
    }
  });

  it('answers the names of allowedHosts, a leading dot standing for a domain and its subdomains', async () => {
    for (const host of [
      'chat.example.com',
      'CHAT.example.com:443',
      'team.example',
      'a.b.team.example:80',
    ]) {
      expect((await requestWithHost(guarded, host)).status, host).toBe(200);
    }
    for (const host of [
      'evil-chat.example.com',
      'chat.example.com.attacker.example',
      'xteam.example',
      'localhost.attacker.example',
      '127.0.0.1.attacker.example',
      'localhost:port',
      'localhost:80:80',
      '[::1',
      '[::1]x',
      '[not-an-ip]',
      '2130706433',
    ]) {
      expect((await requestWithHost(guarded, host)).status, host).toBe(403);
    }
  });

  it('answers any Host with allowedHosts: true', async () => {
    expect((await requestWithHost(open, `attacker.example:${port(open)}`)).status).toBe(200);
  });

  it('takes allowedHosts as host names only, lowercased', () => {
    expect(resolveServerOptions({}).allowedHosts).toEqual([]);
    expect(resolveServerOptions({ allowedHosts: ['Chat.Example.com'] }).allowedHosts).toEqual([
      'chat.example.com',
    ]);
    for (const [value, expected] of [
      [['http://chat.example.com'], 'invalid allowedHosts[0]: expected a host name'],
      [['chat.example.com:443'], 'invalid allowedHosts[0]: expected a host name'],
      [['ok.example', 'a/b'], 'invalid allowedHosts[1]: expected a host name'],
      [[''], 'invalid allowedHosts[0]'],
      ['chat.example.com', 'invalid allowedHosts: expected true or a list of host names'],
      [false, 'invalid allowedHosts: expected true or a list of host names, got false'],
    ] as const) {
      expect(() => resolveServerOptions({ allowedHosts: value as never })).toThrow(expected);
    }
  });
});
