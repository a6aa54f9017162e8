import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { createProvider } from '../provider/create-provider.js';

let server: TestServer;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('timeouts', () => {
  it('fails with a response TimeoutError when the response never starts, and closes the socket', async () => {
    server.handle(() => {});
    const provider = createProvider(testDefinition, {
      baseURL: server.url,
      timeout: 50,
      maxRetries: 0,
    });
    const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      phase: 'response',
      timeout: 50,
      url: `${server.url}/api/generate`,
    });
    // On a loaded machine the 50 ms can run out before the request has reached the server, so this
    // waits for the connection itself to close rather than for a request the server may never see.
    await server.socketsClosed();
    await provider.close();
  });

  it('fails with an idle TimeoutError when the reply goes silent, after the text so far', async () => {
    server.handle((_request, response) => {
      response.writeHead(200);
      response.write('partial');
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, idleTimeout: 50 });
    const received: string[] = [];
    const error = await (async () => {
      for await (const text of provider.stream({ messages })) received.push(text);
    })().catch((caught: unknown) => caught);
    expect(received).toEqual(['partial']);
    expect(error).toMatchObject({ name: 'TimeoutError', phase: 'idle', timeout: 50 });
    await server.requests.at(-1)!.closed;
    expect(server.requests.at(-1)!.clientClosed()).toBe(true);
    await provider.close();
  });

  it('takes per-request timeouts over the provider settings', async () => {
    server.handle(() => {});
    const provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 0 });
    await expect(provider.complete({ messages, timeout: 30 })).rejects.toMatchObject({
      phase: 'response',
      timeout: 30,
    });
    await provider.close();
  });

  it('never counts time the caller spends on a chunk as silence, even after it waited for it', async () => {
    let openGate = (): void => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    server.handle(async (_request, response) => {
      response.writeHead(200).flushHeaders();
      // The caller is already waiting for this piece, so its idle timer runs.
      await new Promise((resolve) => setTimeout(resolve, 20));
      response.write('one');
      await gate;
      response.end('two');
    });
    const provider = createProvider(testDefinition, { baseURL: server.url, idleTimeout: 250 });
    const received: string[] = [];
    for await (const text of provider.stream({ messages })) {
      received.push(text);
      if (text === 'one') {
        await new Promise((resolve) => setTimeout(resolve, 600)); // a slow consumer, not a silent server
        openGate();
      }
    }
    expect(received.join('')).toBe('onetwo');
    await provider.close();
  });
});
