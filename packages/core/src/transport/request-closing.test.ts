import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { endless } from '../../test/test-endless-reply.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { ConnectionError } from '../errors/connection-error.js';
import { ReplyEncodingError } from '../errors/reply-encoding-error.js';
import { createProvider } from '../provider/create-provider.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

describe('closing a request', () => {
  it('closes the request of a reply it cannot decode, however much more the server sends', async () => {
    server.handle((request, response) => {
      response.setHeader('content-encoding', 'compress');
      return endless(request, response);
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 0 });
    await expect(provider.complete({ messages })).rejects.toThrow(ReplyEncodingError);
    await server.requests[0]!.closed;
    expect(server.requests[0]!.clientClosed()).toBe(true);
    await provider.close();
  });

  it('never sends a request aborted while it waited for a free connection', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    server.handle(async (request, response) => {
      response.writeHead(200).write('held ');
      if (request.headers['x-hold'] === 'yes') await released;
      response.end('done');
    });
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      maxConnections: 1,
      headers: { 'x-hold': 'yes' },
    });
    const holding = provider.complete({ messages });
    await server.requestArrived(1);
    const controller = new AbortController();
    const queued = provider.complete({ messages, signal: controller.signal });
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    release();
    expect(await holding).toBe('held done');
    expect(await provider.complete({ messages })).toBe('held done');
    expect(server.requests).toHaveLength(2);
    await provider.close();
  });

  it('fails with a ConnectionError when the connection drops before the response starts', async () => {
    server.handle((_request, response) => response.socket?.destroy());
    const provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 0 });
    await expect(provider.complete({ messages })).rejects.toThrow(ConnectionError);
    await provider.close();
  });
});
