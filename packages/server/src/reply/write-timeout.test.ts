import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { writeTimeout: 200 } });
});
afterAll(() => test.close());

describe('a streaming client that stops reading', () => {
  it('is dropped after writeTimeout, and its upstream request is closed', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { size: 16 * 1024 * 1024, chunkSize: 64 * 1024 });
    const body = JSON.stringify({
      model: 'free2gpt',
      stream: true,
      messages: [{ role: 'user', content: 'a long reply, please' }],
    });
    const { port } = new URL(test.url);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.pause(); // never read: the server's writes back up until the socket is full
    const upstream = await test.emulator.nextRequest();
    await upstream.closed;
    expect(upstream.clientClosed).toBe(true);
    await once(socket.resume(), 'close');
  });
});
