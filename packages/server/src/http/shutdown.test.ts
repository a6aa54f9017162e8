import type { Message } from '@freechat/core';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { closeOnSignals } from './shutdown-signals.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { shutdownGracePeriod: 5000 } });
});
afterAll(() => test.close());

const hello: Message[] = [{ role: 'user', content: 'Hello!' }];

it('lets an open stream finish within the grace period on close(), then stops', async () => {
  const text = 'word '.repeat(100);
  test.emulator.scenario('free2gpt', { text, chunkSize: 5, delayMs: 3 });
  const response = await request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'free2gpt', messages: hello, stream: true }),
  });
  expect(response.statusCode).toBe(200);
  const body = response.body[Symbol.asyncIterator]();
  let raw = Buffer.from(((await body.next()).value as Buffer) ?? []).toString();

  const upstream = test.emulator.requests.at(-1)!;
  expect(upstream.finishedAt).toBeUndefined();
  const started = performance.now();
  const closed = new Promise<unknown>((resolve) => {
    closeOnSignals(test.server, { signals: ['SIGUSR2'], onClosed: resolve });
  });
  process.emit('SIGUSR2');

  for (let chunk = await body.next(); !chunk.done; chunk = await body.next()) {
    raw += Buffer.from(chunk.value as Buffer).toString();
  }
  expect(await closed).toBeUndefined();
  expect(performance.now() - started).toBeLessThan(5000);
  expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
  const content = raw
    .split('\n\n')
    .filter((event) => event.startsWith('data: {'))
    .map((event) => JSON.parse(event.slice(6)).choices[0].delta.content ?? '')
    .join('');
  expect(content).toBe(text);
  await expect(request(`${test.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  expect(process.listenerCount('SIGUSR2')).toBe(0);
});
