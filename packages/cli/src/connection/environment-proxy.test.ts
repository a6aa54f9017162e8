import { once } from 'node:events';
import { createServer } from 'node:net';
import { type Emulator, emulatedReplyText, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestIO } from '../../test/test-cli-io.js';
import { startTestProxy } from '../../test/test-proxy.js';
import { runCli } from '../main.js';
import { openConnection, readConnectionSettings } from './connection.js';
import { environmentProxyFor } from './environment-proxy.js';

const HI = [{ role: 'user' as const, content: 'hi' }];

describe('HTTPS_PROXY, HTTP_PROXY and NO_PROXY', () => {
  it('send the requests through the proxy of the environment, except to NO_PROXY hosts', async () => {
    const [emulator, proxy] = await Promise.all([startEmulator(), startTestProxy()]);
    try {
      const chat = async (env: Record<string, string>, extra: string[] = []) => {
        const test = createTestIO({ env });
        const args = ['chat', '--base-url', emulator.sites.free2gpt, ...extra, 'hi'];
        const code = await runCli(args, test.io);
        expect(test.stderr()).toBe('');
        expect(code).toBe(0);
        expect(test.stdout()).toBe(`${emulatedReplyText('free2gpt', HI)}\n`);
      };
      const host = new URL(emulator.sites.free2gpt).host;
      await chat({ HTTP_PROXY: proxy.url });
      expect(proxy.targets).toEqual([host]);
      await chat({ http_proxy: proxy.url, NO_PROXY: '127.0.0.1' });
      expect(proxy.targets).toEqual([host]);
      // An explicit --proxy replaces the environment's.
      await chat({ HTTP_PROXY: 'http://127.0.0.1:9' }, ['--proxy', proxy.url]);
      expect(proxy.targets).toEqual([host, host]);
    } finally {
      await Promise.all([emulator.close(), proxy.close()]);
    }
  });
});

describe('connection settings precedence', () => {
  const file = { proxy: 'http://file.example:1', timeout: 5, maxRetries: 1 };

  it('puts flags over the environment over the config file', async () => {
    const env = { FREECHAT_PROXY: 'http://env.example:1' };
    const { io } = createTestIO({ env });
    const fromEnv = await openConnection(readConnectionSettings({}, ['free2gpt'], io), env);
    expect(fromEnv.settings(file)).toEqual({ ...file, proxy: 'http://env.example:1' });
    const flags = { proxy: 'http://flag.example:1', timeout: '7', maxRetries: '0' };
    const fromFlags = await openConnection(readConnectionSettings(flags, ['free2gpt'], io), env);
    expect(fromFlags.settings(file)).toEqual({
      proxy: 'http://flag.example:1',
      timeout: 7,
      maxRetries: 0,
    });
    const bare = createTestIO().io;
    const none = await openConnection(readConnectionSettings({}, ['free2gpt'], bare), bare.env);
    expect(none.settings(file)).toEqual(file);
    await Promise.all([fromEnv.close(), fromFlags.close(), none.close()]);
  });

  it("uses HTTP_PROXY only where no proxy is set, and the file's proxy over it", async () => {
    const env = { HTTP_PROXY: 'http://127.0.0.1:9' };
    const { io } = createTestIO({ env });
    const connection = await openConnection(readConnectionSettings({}, ['free2gpt'], io), env);
    const baseURL = 'http://site.example';
    expect(connection.settings({ ...file, baseURL }).proxy).toBe(file.proxy);
    expect(connection.settings({ baseURL }).proxy).toBe('http://127.0.0.1:9');
    await connection.close();
  });
});

/** A loopback port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('a proxy of the environment that fails', () => {
  let emulator: Emulator;
  let down: number;
  beforeAll(async () => {
    [emulator, down] = await Promise.all([startEmulator(), closedPort()]);
  });
  afterAll(() => emulator.close());

  const chat = async (env: Record<string, string>, baseURL: string) => {
    const test = createTestIO({ env });
    const code = await runCli(['chat', '--max-retries', '0', '--base-url', baseURL, 'hi'], test.io);
    return { code, stderr: test.stderr(), stdout: test.stdout() };
  };

  for (const [variable, scheme, site] of [
    ['HTTP_PROXY', '', 'http'],
    ['http_proxy', 'http://', 'http'],
    ['https_proxy', 'http://', 'https'],
    ['HTTPS_PROXY', '', 'https'],
  ] as const) {
    it(`is a ProxyError naming ${variable}${scheme === '' ? ' (no scheme)' : ''} for an ${site}: site, never its credentials`, async () => {
      const baseURL = site === 'http' ? emulator.sites.free2gpt : 'https://free2gpt.example';
      const result = await chat({ [variable]: `${scheme}alice:S3cr3t@127.0.0.1:${down}` }, baseURL);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^freechat: free2gpt: ProxyError: POST ${baseURL}/api/generate: connection failed: the proxy http://\\*\\*\\*@127\\.0\\.0\\.1:${down} failed: connect ECONNREFUSED .*; check that the proxy of ${variable} runs and lets the site through, unset ${variable}, list the site in NO_PROXY, or give another with --proxy <url>\n$`,
        ),
      );
      expect(result.stderr).not.toMatch(/alice|S3cr3t|may have moved/);
      expect(result.stdout).toBe('');
    });
  }

  it('is an InvalidSettingError naming the variable when it is not a proxy URL, before any traffic', async () => {
    const before = emulator.requests.length;
    const bad = await chat({ HTTP_PROXY: 'ftp://alice:S3cr3t@x' }, emulator.sites.free2gpt);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'freechat: invalid HTTP_PROXY: expected a URL starting with http://, https:// or socks5://, got ftp://…\n',
    );
    expect(emulator.requests.length).toBe(before);
    // An https: proxy is not read for an http: site.
    const unused = await chat({ https_proxy: 'ftp://x' }, emulator.sites.free2gpt);
    expect(unused.code).toBe(0);
  });
});

describe('a proxy of the environment without a scheme', () => {
  it('is taken as http://, as curl takes it', async () => {
    const [emulator, proxy] = await Promise.all([startEmulator(), startTestProxy()]);
    try {
      const test = createTestIO({ env: { HTTP_PROXY: new URL(proxy.url).host } });
      const code = await runCli(['chat', '--base-url', emulator.sites.free2gpt, 'hi'], test.io);
      expect(test.stderr()).toBe('');
      expect(code).toBe(0);
      expect(proxy.targets).toEqual([new URL(emulator.sites.free2gpt).host]);
    } finally {
      await Promise.all([emulator.close(), proxy.close()]);
    }
  });
});

describe('environmentProxyFor', () => {
  const proxied = (url: string, env: Record<string, string>) =>
    environmentProxyFor(url, env)?.variable ?? 'none';

  it('takes https_proxy for https: (else the HTTP proxy), http_proxy for http:, lower case first', () => {
    const both = { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:1' };
    expect(proxied('https://a.example', both)).toBe('HTTPS_PROXY');
    expect(proxied('http://a.example', both)).toBe('HTTP_PROXY');
    expect(proxied('https://a.example', { HTTP_PROXY: 'http://p:1' })).toBe('HTTP_PROXY');
    expect(proxied('http://a.example', { HTTPS_PROXY: 'http://s:1' })).toBe('none');
    expect(proxied('https://a.example', { ...both, https_proxy: 'http://l:1' })).toBe(
      'https_proxy',
    );
    expect(proxied('https://a.example', { https_proxy: ' ', HTTPS_PROXY: 'http://s:1' })).toBe(
      'HTTPS_PROXY',
    );
    expect(environmentProxyFor('http://a.example', { HTTP_PROXY: 'u:p@h:3128' })?.url).toBe(
      'http://u:p@h:3128',
    );
    expect(environmentProxyFor('http://a.example', { HTTP_PROXY: 'socks5://h:1' })?.url).toBe(
      'socks5://h:1',
    );
  });

  it('leaves the hosts NO_PROXY names, with their subdomains, ports and wildcards', () => {
    const table: [string, string, string][] = [
      ['https://a.example', 'a.example', 'none'],
      ['https://x.a.example', 'a.example', 'none'],
      ['https://xa.example', 'a.example', 'HTTPS_PROXY'],
      ['https://a.example', '.a.example', 'none'],
      ['https://a.example', '*.a.example', 'HTTPS_PROXY'],
      ['https://x.a.example', '*.a.example', 'none'],
      ['https://A.Example./x', 'a.example', 'none'],
      ['https://a.example', 'a.example:443', 'none'],
      ['https://a.example', 'a.example:8443', 'HTTPS_PROXY'],
      ['https://a.example:8443', 'a.example:8443', 'none'],
      ['http://a.example', 'a.example:80', 'none'],
      ['https://b.example', 'a.example, b.example', 'none'],
      ['https://b.example', 'a.example b.example', 'none'],
      ['https://b.example', '*', 'none'],
      ['https://b.example', 'a.example,*', 'none'],
      ['https://b.example', '*:80', 'HTTPS_PROXY'],
      ['http://[::1]:8080', '::1', 'none'],
      ['http://[::1]:8080', '[::1]:8080', 'none'],
      ['http://[::1]:8080', '[::1]:9090', 'HTTPS_PROXY'],
      ['http://127.0.0.1:8080', '127.0.0.1', 'none'],
    ];
    for (const [url, noProxy, expected] of table) {
      const env = { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://s:1', NO_PROXY: noProxy };
      const variable = proxied(url, env);
      expect([url, noProxy, variable === 'HTTP_PROXY' ? 'HTTPS_PROXY' : variable]).toEqual([
        url,
        noProxy,
        expected,
      ]);
    }
    expect(proxied('https://a.example', { HTTPS_PROXY: 'http://s:1', no_proxy: 'a.example' })).toBe(
      'none',
    );
  });

  it('refuses a provider whose mirrors NO_PROXY splits, before any traffic', async () => {
    const env = { HTTP_PROXY: 'http://alice:S3cr3t@127.0.0.1:9', NO_PROXY: 'localhost' };
    const test = createTestIO({ env });
    const mirrors = 'http://127.0.0.1:9,http://localhost:9';
    const code = await runCli(['chat', '-p', 'freegpt', '--base-url', mirrors, 'hi'], test.io);
    expect(code).toBe(2);
    expect(test.stderr()).toBe(
      "freechat: freegpt's base URLs would go through different proxies of the environment (http://127.0.0.1:9 HTTP_PROXY, http://localhost:9 no proxy); one provider sends all its requests one way: list all of them in NO_PROXY or none, or give --proxy <url>\n",
    );
  });
});
