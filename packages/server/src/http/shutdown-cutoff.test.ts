import type { Message } from '@freechat/core';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { shutdownGracePeriod: 150 } });
});
afterAll(() => test.close());

const hello: Message[] = [{ role: 'user', content: 'Hello!' }];

it('cuts off a stream still open when the grace period runs out, closing its upstream request', async () => {
  test.emulator.scenario('freegpt', { fault: 'stall-mid-reply' });
  const response = await request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'freegpt', messages: hello, stream: true }),
  });
  expect(response.statusCode).toBe(200);
  const upstream = test.emulator.requests.at(-1)!;
  const closing = test.server.close();
  const events = (await response.body.text()).split('\n\n');
  await closing;
  expect(events.pop()).toBe('');
  expect(events.pop()).toBe('data: [DONE]');
  expect(JSON.parse(events.pop()!.slice(6))).toEqual({
    error: {
      message: 'The server is shutting down; the completion was cut off.',
      type: 'server_error',
      param: null,
      code: 'server_shutting_down',
    },
  });
  expect(events.length).toBeGreaterThanOrEqual(2);
  await upstream.closed;
  expect(upstream.clientClosed).toBe(true);
});
