import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, noServerSocket, parseResponse, rawSocket } from '../../test/test-raw-http.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { DEFAULT_REQUEST_TIMEOUT, resolveServerOptions } from '../options.js';

const REQUEST_TIMEOUT = 1500;

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { requestTimeout: REQUEST_TIMEOUT } });
});
afterAll(() => test.close());

describe('requestTimeout', () => {
  it('cuts off a client that sends its headers, then its body a byte a second: a 408 in OpenAI shape, and its socket is freed', async () => {
    const body = JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content: 'hi' }] });
    const socket = connect(Number(new URL(test.url).port), '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      'POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
        `content-length: ${body.length}\r\n\r\n`,
    );
    // The slow client: a byte a second, far slower than the body could ever be received in time.
    let sent = 0;
    const trickle = setInterval(() => {
      if (!socket.destroyed && sent < body.length) socket.write(body[sent++]!);
    }, 1000);
    let received = '';
    socket.on('data', (chunk) => {
      received += String(chunk);
    });
    socket.on('error', () => {});
    try {
      await once(socket, 'close');
    } finally {
      clearInterval(trickle);
    }
    expect(sent).toBeLessThan(body.length);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({
      error: {
        message: expect.stringContaining(`requestTimeout (${REQUEST_TIMEOUT} ms)`),
        type: 'invalid_request_error',
        param: null,
        code: 'request_timeout',
      },
    });
    expect(await noServerSocket(test.server.fastify.server)).toBe(true);
    expect(test.emulator.requests).toHaveLength(0);
  }, 15_000);

  it("closes a connection that sends nothing within the headers' time, without a word", async () => {
    const socket = await rawSocket(test.url);
    let received = '';
    socket.on('data', (chunk) => {
      received += String(chunk);
    });
    await once(socket, 'close');
    expect(received).toBe('');
    expect(await noServerSocket(test.server.fastify.server)).toBe(true);
  }, 15_000);

  it('answers headers that do not arrive in time with a 408 naming the bounds', async () => {
    const response = await exchange(test.url, 'GET /v1/models HTTP/1.1\r\nhost: 127.0.0.1\r\n');
    expect(parseResponse(response)).toMatchObject({
      status: 408,
      body: {
        error: {
          message: `The request was not received in time (its headers within ${REQUEST_TIMEOUT} ms, all of it within the server's requestTimeout (${REQUEST_TIMEOUT} ms)).`,
          code: 'request_timeout',
        },
      },
    });
  }, 15_000);

  it('does not cut off a streaming reply that lasts longer than requestTimeout', async () => {
    test.emulator.reset();
    // Two chunks, twice REQUEST_TIMEOUT apart: the reply outlasts the bound on receiving the request.
    test.emulator.scenario('free2gpt', { size: 2, chunkSize: 1, delayMs: 2 * REQUEST_TIMEOUT });
    const stream = await test.openai.chat.completions.create({
      model: 'free2gpt',
      stream: true,
      messages: [{ role: 'user', content: 'take your time' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(Buffer.byteLength(text)).toBe(2);
  }, 20_000);

  it('defaults to 30 s, and 0 turns it off', () => {
    expect(DEFAULT_REQUEST_TIMEOUT).toBe(30_000);
    expect(resolveServerOptions({}).requestTimeout).toBe(DEFAULT_REQUEST_TIMEOUT);
    expect(resolveServerOptions({ requestTimeout: 0 }).requestTimeout).toBe(0);
    expect(() => resolveServerOptions({ requestTimeout: -1 })).toThrow(
      '[server] invalid requestTimeout: expected a whole number of milliseconds from 0 to 2147483647, got -1',
    );
  });
});
