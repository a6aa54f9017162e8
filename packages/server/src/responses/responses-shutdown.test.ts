import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseResponsesStream } from '../../test/test-responses-validator.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { shutdownGracePeriod: 150 } });
});
afterAll(() => test.close());

it('cuts off a Response still streaming when the grace period runs out, closing its upstream request', async () => {
  test.emulator.scenario('freegpt', { fault: 'stall-mid-reply' });
  const response = await request(`${test.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'freegpt', input: 'Hello!', stream: true }),
  });
  expect(response.statusCode).toBe(200);
  const upstream = test.emulator.requests.at(-1)!;
  const closing = test.server.close();
  const events = parseResponsesStream(await response.body.text());
  await closing;
  const [error, failed] = events.slice(-2);
  expect(error!.data).toMatchObject({
    type: 'error',
    code: 'server_shutting_down',
    message: 'The server is shutting down; the completion was cut off.',
  });
  expect(failed!.data).toMatchObject({
    type: 'response.failed',
    response: { status: 'failed', error: { code: 'server_error' } },
  });
  await upstream.closed;
  expect(upstream.clientClosed).toBe(true);
});
