import { type Emulator, startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type FreechatServer } from '../create-server.js';

/**
 * A provider whose own setting turns out wrong only when a request is made (here a clock that returns
 * NaN, found when the request is signed) is the operator's fault, not the client's: a 500 that names
 * the setting, never a 400 that tells an API client to fix its request.
 */
let emulator: Emulator;
let server: FreechatServer;
let url: string;
beforeAll(async () => {
  emulator = await startEmulator();
  const provider = createFree2GPT({ baseURL: emulator.sites.free2gpt, now: () => Number.NaN });
  server = createServer({ providers: [provider], cooldownTime: 0 });
  url = await server.listen();
});
afterAll(async () => {
  await server.close();
  await emulator.close();
});

describe('a provider setting found wrong at request time', () => {
  it('is a 500 server_misconfigured naming the setting, before any traffic', async () => {
    const response = await request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.statusCode).toBe(500);
    const body = (await response.body.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'server_error', code: 'server_misconfigured' });
    expect(body.error.message).toContain('`now`');
    expect(emulator.requests).toHaveLength(0);
  });
});
