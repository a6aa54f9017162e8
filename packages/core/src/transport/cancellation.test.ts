import { beforeEach, describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { useTestProvider } from '../../test/test-provider.js';
import { createProvider } from '../provider/create-provider.js';

const setup = useTestProvider();
const messages = [{ role: 'user' as const, content: 'hi' }];
beforeEach(() => {
  setup.server.requests.length = 0;
});

/** Answers with one chunk and then keeps the response open until the client goes away. */
function endlessReply(): void {
  setup.server.handle((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('first');
  });
}

async function expectServerSawClose(): Promise<void> {
  const seen = setup.server.requests.at(-1)!;
  await seen.closed;
  expect(seen.clientClosed()).toBe(true);
}

async function expectPoolStillServes(): Promise<void> {
  setup.server.handle((_request, response) => response.end('next'));
  expect(await setup.provider.complete({ messages })).toBe('next');
}

describe('cancellation', () => {
  it('rejects with AbortError before any traffic when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      setup.provider.complete({ messages, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(setup.server.requests).toHaveLength(0);
  });

  it('rejects with AbortError and closes the socket when aborted before the response starts', async () => {
    setup.server.handle(() => {});
    const controller = new AbortController();
    const pending = setup.provider.complete({ messages, signal: controller.signal });
    await setup.server.requestArrived(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expectServerSawClose();
    await expectPoolStillServes();
  });

  it('rejects with the signal reason and closes the socket when aborted mid-stream', async () => {
    endlessReply();
    const controller = new AbortController();
    const reason = new Error('user went away');
    const stream = setup.provider.stream({ messages, signal: controller.signal });
    expect((await stream.next()).value).toBe('first');
    controller.abort(reason);
    await expect(stream.next()).rejects.toBe(reason);
    await expectServerSawClose();
    await expectPoolStillServes();
  });

  it('closes the request when the loop breaks, and never reuses the half-read socket', async () => {
    endlessReply();
    for await (const text of setup.provider.stream({ messages })) {
      expect(text).toBe('first');
      break;
    }
    await expectServerSawClose();
    await expectPoolStillServes();
  });

  it('closes the request when the loop body throws', async () => {
    endlessReply();
    const failure = new Error('consumer failed');
    await expect(
      (async () => {
        for await (const _text of setup.provider.stream({ messages })) throw failure;
      })(),
    ).rejects.toBe(failure);
    await expectServerSawClose();
  });

  it('reuses one keep-alive connection across the messages of a conversation', async () => {
    const ports = new Set<number>();
    setup.server.handle((request, response) => {
      ports.add(request.socket.remotePort!);
      response.end('pooled');
    });
    // A fresh instance: right after an abort, undici briefly opens new connections even for raw requests.
    const fresh = createProvider(testDefinition, { baseURL: setup.server.url });
    for (let turn = 0; turn < 10; turn++) expect(await fresh.complete({ messages })).toBe('pooled');
    await fresh.close();
    // undici frees a connection just after the body ends, so a request sent at once may take a second
    // pooled connection; what matters is that the turns do not each open one.
    expect(ports.size).toBeLessThanOrEqual(2);
  });

  it('close() settles at once, closing a stream its consumer stopped pulling', async () => {
    endlessReply();
    const own = createProvider(testDefinition, { baseURL: setup.server.url });
    const stream = own.stream({ messages });
    expect((await stream.next()).value).toBe('first');
    await own.close();
    await expectServerSawClose();
    await expect(stream.next()).rejects.toMatchObject({ name: 'ConnectionError' });
  });

  it('lets a bug surface as it is, neither wrapped as a ConnectionError nor retried', async () => {
    let calls = 0;
    const broken = {
      dispatch() {
        calls++;
        throw new TypeError('broken dispatcher');
      },
    };
    const own = createProvider(testDefinition, {
      baseURL: setup.server.url,
      dispatcher: broken as never,
    });
    await expect(own.complete({ messages })).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });

  it('close() ends the pooled connections', async () => {
    setup.server.handle((_request, response) => response.end('pooled'));
    const own = createProvider(testDefinition, { baseURL: setup.server.url });
    expect(await own.complete({ messages })).toBe('pooled');
    await setup.provider.close();
    await own.close();
    await setup.server.socketsClosed();
    expect(setup.server.openSockets()).toBe(0);
  });
});
