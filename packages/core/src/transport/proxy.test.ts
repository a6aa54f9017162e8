import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import {
  type ProxyCredentials,
  startHttpProxy,
  startSocks5Proxy,
  type TestProxy,
} from '../../test/test-proxies.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { ConnectionError } from '../errors/connection-error.js';
import { ProxyError } from '../errors/proxy-error.js';
import { createProvider } from '../provider/create-provider.js';

/**
 * A proxy that is down: nothing listens on port 1, and the kernel never gives a port below 1024 to a
 * socket that asks for any port, so no test server can take it. (A port freed by closing a server can
 * be given to the next server anywhere on the machine before the test connects to it.)
 */
const DOWN_PROXY_URL = 'http://127.0.0.1:1';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'through the proxy' }];

beforeAll(async () => {
  server = await startTestServer();
  server.handle((_request, response, body) => {
    response.end(`echo ${JSON.parse(body).messages[0].content}`);
  });
});
afterAll(async () => {
  await server.close();
});

describe('proxies', () => {
  for (const [name, start] of [
    ['an http:// proxy', startHttpProxy],
    ['a socks5:// proxy', startSocks5Proxy],
  ] as const) {
    it(`sends every request through ${name}`, async () => {
      const proxy: TestProxy = await start();
      const provider = createProvider(testDefinition, { baseURL: server.url, proxy: proxy.url });
      expect(await provider.complete({ messages })).toBe('echo through the proxy');
      expect(await provider.complete({ messages })).toBe('echo through the proxy');
      expect(proxy.tunnels()).toBeGreaterThanOrEqual(1);
      expect(server.requests.at(-1)!.headers['user-agent']).toBe('test-agent');
      await provider.close();
      await proxy.close();
    });
  }

  it('fails with a retryable ProxyError naming the URL and the proxy when the proxy is down', async () => {
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      proxy: withCredentials(DOWN_PROXY_URL, { username: 'alice', password: 'hunter2' }),
      maxRetries: 0,
    });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(ProxyError.isInstance(error)).toBe(true);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      url: `${server.url}/api/generate`,
      proxy: 'http://***@127.0.0.1:1',
      authFailed: false,
      isRetryable: true,
    });
    expect((error as Error).message).toContain('the proxy http://***@127.0.0.1:1');
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect((error as Error).message).not.toContain('hunter2');
    await provider.close();
  });

  const good = { username: 'alice', password: 'right' };
  for (const [name, start, given] of [
    ['an http:// proxy (407)', startHttpProxy, { username: 'alice', password: 'wrong' }],
    ['a socks5:// proxy', startSocks5Proxy, { username: 'alice', password: 'wrong' }],
    ['a socks5:// proxy given no credentials', startSocks5Proxy, undefined],
  ] as const) {
    it(`does not retry, nor try other mirrors, when ${name} rejects the credentials`, async () => {
      const proxy = await start(good);
      const provider = createProvider(testDefinition, {
        baseURL: ['a', 'b', 'c', 'd'].map((path) => `${server.url}/${path}`),
        proxy: given === undefined ? proxy.url : withCredentials(proxy.url, given),
        maxRetries: 2,
        retryDelay: 1,
      });
      const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
      expect(ProxyError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ authFailed: true, isRetryable: false });
      expect((error as Error).message).toMatch(/the proxy .* rejected the credentials/);
      expect(proxy.attempts()).toBe(1);
      await provider.close();
      await proxy.close();
    });
  }

  for (const [name, start] of [
    ['an http:// proxy', startHttpProxy],
    ['a socks5:// proxy', startSocks5Proxy],
  ] as const) {
    it(`sends through ${name} that wants credentials when they are right`, async () => {
      const proxy = await start(good);
      const provider = createProvider(testDefinition, {
        baseURL: server.url,
        proxy: withCredentials(proxy.url, good),
      });
      expect(await provider.complete({ messages })).toBe('echo through the proxy');
      await provider.close();
      await proxy.close();
    });

    it(`opens at most maxConnections tunnels through ${name}, queueing the rest`, async () => {
      const proxy = await start();
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      server.handle(async (_request, response) => {
        response.writeHead(200).write('held ');
        await released;
        response.end('done');
      });
      const provider = createProvider(testDefinition, {
        baseURL: server.url,
        proxy: proxy.url,
        maxConnections: 2,
      });
      const streams = Array.from({ length: 6 }, () => provider.complete({ messages }));
      await server.requestArrived(server.requests.length + 2);
      expect(proxy.openTunnels()).toBe(2);
      release();
      expect(await Promise.all(streams)).toEqual(Array(6).fill('held done'));
      expect(proxy.tunnels()).toBe(2);
      server.handle((_request, response, body) => {
        response.end(`echo ${JSON.parse(body).messages[0].content}`);
      });
      await provider.close();
      await proxy.close();
    });
  }
});

function withCredentials(url: string, { username, password }: ProxyCredentials): string {
  return url.replace('://', `://${encodeURIComponent(username)}:${encodeURIComponent(password)}@`);
}
