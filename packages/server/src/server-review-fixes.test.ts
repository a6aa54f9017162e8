import { once } from 'node:events';
import { connect } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { writeTimeout: 200 } });
});
afterAll(() => test.close());

function post(body: unknown) {
  return request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

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

describe('GET /v1/providers after a bad request', () => {
  it("does not mark the provider down for the caller's own mistake", async () => {
    const response = await post({
      model: 'free2gpt',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'a last message that is not the user' },
      ],
    });
    expect(response.statusCode).toBe(400);
    await response.body.dump();
    const providers = await (await request(`${test.url}/v1/providers`)).body.json();
    const free2gpt = (providers as { data: { id: string; status: { state: string } }[] }).data.find(
      (entry) => entry.id === 'free2gpt',
    );
    expect(free2gpt?.status.state).not.toBe('down');
  });
});

describe('empty turns', () => {
  for (const [name, content, param] of [
    ['null content from the user', null, 'messages[0].content'],
    ['an empty array of parts', [], 'messages[0].content'],
  ] as const) {
    it(`are refused: ${name} → 400`, async () => {
      const response = await post({ model: 'free2gpt', messages: [{ role: 'user', content }] });
      expect(response.statusCode).toBe(400);
      const { error } = (await response.body.json()) as { error: { param: string } };
      expect(error.param).toBe(param);
    });
  }
});
