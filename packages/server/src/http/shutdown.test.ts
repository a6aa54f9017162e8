import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from '@freechat/core';
import { createFree2GPT } from '@freechat/free2gpt';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { closeOnSignals } from './shutdown-signals.js';

const firstHalf = 'word '.repeat(50);
const secondHalf = 'more '.repeat(50);
let sendSecondHalf = (): void => {};
const secondHalfReleased = new Promise<void>((resolve) => {
  sendSecondHalf = resolve;
});

let site: Server;
let test: TestServer;
beforeAll(async () => {
  // A Free2GPT site that sends the first half of its reply, then holds the rest until the test
  // releases it: the stream is open when the server starts closing, whatever the load.
  site = createServer(async (incoming, response) => {
    for await (const _chunk of incoming);
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.write(firstHalf);
    await secondHalfReleased;
    response.end(secondHalf);
  });
  site.listen(0, '127.0.0.1');
  await once(site, 'listening');
  const siteURL = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  test = await startTestServer({
    // Longer than the test may take: a close() that waited for it rather than for the stream fails.
    server: { shutdownGracePeriod: 60_000, providers: [createFree2GPT({ baseURL: siteURL })] },
  });
});
afterAll(async () => {
  await test.close();
  site.closeAllConnections();
  site.close();
  await once(site, 'close');
});

const hello: Message[] = [{ role: 'user', content: 'Hello!' }];

it('lets an open stream finish within the grace period on close(), then stops', async () => {
  const response = await request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'free2gpt', messages: hello, stream: true }),
  });
  expect(response.statusCode).toBe(200);
  const body = response.body[Symbol.asyncIterator]();
  let raw = Buffer.from(((await body.next()).value as Buffer) ?? []).toString();

  const closed = new Promise<unknown>((resolve) => {
    closeOnSignals(test.server, { signals: ['SIGUSR2'], onClosed: resolve });
  });
  process.emit('SIGUSR2'); // close() has begun when this returns: the handler calls it at once
  sendSecondHalf();

  for (let chunk = await body.next(); !chunk.done; chunk = await body.next()) {
    raw += Buffer.from(chunk.value as Buffer).toString();
  }
  expect(await closed).toBeUndefined();
  expect(raw.endsWith('data: [DONE]\n\n')).toBe(true);
  const content = raw
    .split('\n\n')
    .filter((event) => event.startsWith('data: {'))
    .map((event) => JSON.parse(event.slice(6)).choices[0].delta.content ?? '')
    .join('');
  expect(content).toBe(firstHalf + secondHalf);
  expect(test.server.fastify.server.listening).toBe(false);
  expect(process.listenerCount('SIGUSR2')).toBe(0);
});
