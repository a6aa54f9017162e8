import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer, writeChunks } from '../../test/test-server.js';
import { AuthRejectedError } from '../errors/auth-rejected-error.js';
import { InvalidSettingError } from '../errors/invalid-setting-error.js';
import { ModelFailedMidReplyError } from '../errors/model-failed-mid-reply-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { createProvider } from '../provider/create-provider.js';
import { defineSite } from './define-site.js';
import { SITE_TEMPLATES } from './site-template.js';

const messages = [{ role: 'user' as const, content: 'hi' }];
const json = (message: string): string => JSON.stringify({ error: { message } });
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
});

async function outcome(stream: AsyncIterable<string>): Promise<{ text: string; error: unknown }> {
  let text = '';
  try {
    for await (const piece of stream) text += piece;
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}

describe('the site password', () => {
  it('is sent as pass, and pass is null without one', async () => {
    const withPassword = createProvider(testDefinition, {
      baseURL: server.url,
      password: 'beta',
    });
    const without = createProvider(testDefinition, { baseURL: server.url });
    await withPassword.complete({ messages });
    await without.complete({ messages });
    await withPassword.close();
    await without.close();
    expect(JSON.parse(server.requests[0]!.body).pass).toBe('beta');
    expect(JSON.parse(server.requests[1]!.body).pass).toBeNull();
  });

  it('is checked at creation, without ever printing it', () => {
    for (const password of ['', 42, null]) {
      const error = (() => {
        try {
          createProvider(testDefinition, { password } as never);
        } catch (caught) {
          return caught;
        }
      })();
      expect(InvalidSettingError.isInstance(error) && error.field).toBe('password');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refused (401 Invalid password.) is a AuthRejectedError naming the password, sent once', async () => {
    const provider = createProvider(testDefinition, {
      baseURL: [server.url, server.url],
      password: 'gamma-secret',
      retryDelay: 1,
    });
    server.handle((_request, response) => response.writeHead(401).end(json('Invalid password.')));
    const { error } = await outcome(provider.stream({ messages }));
    await provider.close();
    expect(AuthRejectedError.isInstance(error) && error.credential).toBe('password');
    expect((error as Error).message).toContain('the site wants a password, or another one');
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(error)).not.toContain('gamma-secret');
    expect((error as Error).message).not.toContain('gamma-secret');
  });

  it('tells a refused signature and an unknown 401 apart', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    server.handle((_request, response) => response.writeHead(401).end(json('Invalid signature.')));
    const signature = await provider.complete({ messages }).catch((caught: unknown) => caught);
    server.handle((_request, response) =>
      response.writeHead(401).end(json('Incorrect API key provided.')),
    );
    const unknown = await provider.complete({ messages }).catch((caught: unknown) => caught);
    await provider.close();
    expect(AuthRejectedError.isInstance(signature) && signature.credential).toBe('signature');
    expect((signature as Error).message).toContain('the secret setting does not match');
    expect(AuthRejectedError.isInstance(unknown) && unknown.credential).toBe('unknown');
    expect(server.requests).toHaveLength(2);
  });
});

describe('what a deployment sends back', () => {
  it('ends a reply whose model failed mid-reply with ModelFailedMidReplyError, after the text before it', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    const reply = 'Partial answer. Internal server error';
    server.handle((_request, response) =>
      writeChunks(response, [reply.slice(0, 20), reply.slice(20)]),
    );
    const { text, error } = await outcome(provider.stream({ messages }));
    await provider.close();
    expect(text).toBe('Partial answer. ');
    expect(ModelFailedMidReplyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'test',
      status: 200,
      url: `${server.url}/api/generate`,
    });
    expect((error as Error).message).toContain("the site's model failed mid-reply");
    expect(server.requests).toHaveLength(1);
  });

  it('retries a reply that is only the failure marker, like a 5xx', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url, retryDelay: 1 });
    let count = 0;
    server.handle((_request, response) =>
      response.end(count++ === 0 ? 'Internal server error' : 'second time lucky'),
    );
    expect(await provider.complete({ messages })).toBe('second time lucky');
    await provider.close();
    expect(server.requests).toHaveLength(2);
  });

  it('takes a 200 with no content type as a normal reply (chatgpt-demo)', async () => {
    const provider = createProvider(testDefinition, { baseURL: server.url });
    server.handle((_request, response) => {
      response.removeHeader('content-type');
      response.writeHead(200);
      response.end('plain reply');
    });
    expect(await provider.complete({ messages })).toBe('plain reply');
    await provider.close();
  });

  it('maps a passed-through 429 insufficient_quota to a spent quota, not retried', async () => {
    const chatgptDemo = defineSite(SITE_TEMPLATES['chatgpt-demo'], {
      id: 'demo',
      label: 'Demo',
      url: server.url,
      lastKnownUp: true,
      defaultModel: 'default',
      models: ['default'],
    });
    const provider = createProvider(chatgptDemo, { retryDelay: 1 });
    const body = JSON.stringify({
      error: { message: 'You exceeded your current quota', type: 'insufficient_quota' },
    });
    server.handle((_request, response) => response.writeHead(429).end(body));
    const spent = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(spent) && spent.quotaExhausted).toBe(true);
    expect((spent as Error).message).toContain('You exceeded your current quota');
    expect(server.requests).toHaveLength(1);
    let count = 0;
    server.handle((_request, response) => {
      if (count++ > 0) return response.end('after the wait');
      response.writeHead(429, { 'retry-after-ms': '5' });
      return response.end(JSON.stringify({ error: { message: 'Rate limit reached' } }));
    });
    expect(await provider.complete({ messages })).toBe('after the wait');
    await provider.close();
    expect(server.requests).toHaveLength(3);
  });
});

describe('origin and referer', () => {
  it('name the site a request goes to: the default, an override, each mirror; none when off', async () => {
    const site = defineSite(SITE_TEMPLATES['gemini-pro-chat'], {
      id: 'site',
      label: 'Site',
      url: server.url,
      lastKnownUp: true,
      defaultModel: 'default',
      models: ['default'],
    });
    const byDefault = createProvider(site);
    const moved = createProvider(site, { baseURL: `${server.url}/moved/`, mirrorOrder: 'ordered' });
    const off = createProvider({ ...site, originHeaders: false }, { baseURL: server.url });
    server.handle((_request, response) => response.end('ok'));
    await byDefault.complete({ messages });
    await moved.complete({ messages });
    await off.complete({ messages });
    for (const provider of [byDefault, moved, off]) await provider.close();
    const [first, second, third] = server.requests.map((request) => request.headers);
    expect(first).toMatchObject({ origin: server.url, referer: `${server.url}/` });
    expect(second).toMatchObject({ origin: server.url, referer: `${server.url}/moved/` });
    expect(third!.origin).toBeUndefined();
    expect(third!.referer).toBeUndefined();
    expect(first!['content-type']).toBe('text/plain;charset=UTF-8');
  });

  it('give way to the caller’s own headers of the same name', async () => {
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      headers: { Origin: 'https://front.example' },
    });
    await provider.complete({ messages });
    await provider.close();
    expect(server.requests[0]!.headers.origin).toBe('https://front.example');
  });
});
