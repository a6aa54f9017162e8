import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from './create-provider.js';
import { testDefinition } from './test-definition.js';
import { startHttpProxy, startSocks5Proxy, type TestProxy } from './test-proxies.js';
import { startTestServer, type TestServer } from './test-server.js';

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

  it('fails with a ConnectionError naming the URL when the proxy is down', async () => {
    const proxy = await startHttpProxy();
    await proxy.close();
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      proxy: proxy.url,
      maxRetries: 0,
    });
    await expect(provider.complete({ messages })).rejects.toMatchObject({
      name: 'ConnectionError',
      url: `${server.url}/api/generate`,
    });
    await provider.close();
  });
});
