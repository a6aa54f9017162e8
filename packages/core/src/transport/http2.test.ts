import { once } from 'node:events';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { generate } from 'selfsigned';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startHttpProxy, startSocks5Proxy } from '../../test/test-proxies.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { createProvider } from '../provider/create-provider.js';

const messages = [{ role: 'user' as const, content: 'which protocol?' }];
let server: Http2SecureServer;
let url: string;
let connections = 0;

beforeAll(async () => {
  const pems = generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 1,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  setDefaultCACertificates([...getCACertificates('bundled'), pems.cert]);
  // Answers every request with the HTTP version it came in, over HTTP/2 or HTTP/1.1 as ALPN decides.
  server = createSecureServer({ key: pems.private, cert: pems.cert, allowHTTP1: true });
  server.on('request', (request, response) => {
    request.resume();
    request.on('end', () => response.end(`HTTP/${request.httpVersion}`));
  });
  server.on('secureConnection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
});

describe('the http2 setting', () => {
  it('keeps HTTP/1.1 by default, though the site prefers HTTP/2', async () => {
    const provider = createProvider(testDefinition, { baseURL: url });
    expect(await provider.complete({ messages })).toBe('HTTP/1.1');
    await provider.close();
  });

  it('speaks HTTP/2, many requests on one connection', async () => {
    const provider = createProvider(testDefinition, { baseURL: url, http2: true });
    const before = connections;
    const replies = await Promise.all(
      Array.from({ length: 120 }, () => provider.complete({ messages })),
    );
    expect(new Set(replies)).toEqual(new Set(['HTTP/2.0']));
    expect(connections - before).toBe(1);
    await provider.close();
  });

  it('speaks HTTP/2 through an http:// proxy tunnel, HTTP/1.1 without the setting', async () => {
    const proxy = await startHttpProxy();
    const http2 = createProvider(testDefinition, { baseURL: url, proxy: proxy.url, http2: true });
    const http1 = createProvider(testDefinition, { baseURL: url, proxy: proxy.url });
    expect(await http2.complete({ messages })).toBe('HTTP/2.0');
    expect(await http1.complete({ messages })).toBe('HTTP/1.1');
    expect(proxy.tunnels()).toBe(2);
    await http2.close();
    await http1.close();
    await proxy.close();
  });

  it('is refused at creation where it cannot apply, or is not a boolean, before any traffic', async () => {
    const socks = await startSocks5Proxy();
    const before = connections;
    const dispatcher = new Agent();
    for (const [settings, detail] of [
      [{ http2: 'yes' }, /expected true or false, got/],
      [{ http2: true, proxy: socks.url }, /expected false with a socks5:\/\/ proxy/],
      [{ http2: true, dispatcher }, /set allowH2 on it/],
    ] as const) {
      const error = (() => {
        try {
          createProvider(testDefinition, { baseURL: url, ...(settings as object) });
        } catch (caught) {
          return caught;
        }
      })();
      expect(InvalidSettingError.isInstance(error) && error.field).toBe('http2');
      expect((error as Error).message).toMatch(detail);
    }
    expect(socks.attempts()).toBe(0);
    expect(connections).toBe(before);
    await dispatcher.close();
    await socks.close();
  });
});
