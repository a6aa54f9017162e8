import type { Message } from '@freechat/core';
import { emulatedReplyText } from '@freechat/emulator';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import type { ProviderList } from './providers-route.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({
    server: { cors: ['https://app.example'], logger: true, logContents: true },
    providers: { maxRetries: 0 },
  });
});
afterAll(() => test.close());

const hello: Message[] = [{ role: 'user', content: 'Hello!' }];

async function providers(): Promise<ProviderList> {
  const response = await request(`${test.url}/v1/providers`);
  expect(response.statusCode).toBe(200);
  return (await response.body.json()) as ProviderList;
}

describe('GET /v1/models', () => {
  it('lists every provider/model and every bare model id', async () => {
    const models = await test.openai.models.list();
    expect(models.data.map((model) => [model.id, model.owned_by])).toEqual([
      ['free2gpt/gemini-1.5-pro', 'free2gpt'],
      ['free2gpt/gemini-1.5-flash', 'free2gpt'],
      ['aichatfree/gemini-1.5-pro', 'aichatfree'],
      ['gprochat/gemini-1.5-pro', 'gprochat'],
      ['freegpt/gemini-1.5-pro', 'freegpt'],
      ['freegpt/gemini-1.5-flash', 'freegpt'],
      ['gemini-1.5-pro', 'freechat'],
      ['gemini-1.5-flash', 'freechat'],
    ]);
    expect(models.data.every((model) => model.object === 'model')).toBe(true);
  });

  it('retrieves one model, slash included, and 404s an unknown one', async () => {
    const model = await test.openai.models.retrieve('freegpt/gemini-1.5-flash');
    expect(model).toMatchObject({ id: 'freegpt/gemini-1.5-flash', owned_by: 'freegpt' });
    const response = await request(`${test.url}/v1/models/gpt-4o`);
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ error: { code: 'model_not_found' } });
  });
});

describe('GET /v1/providers and /healthz', () => {
  it('gives each provider’s metadata, and a status that follows the last request', async () => {
    const before = await providers();
    expect(before.data.map((provider) => provider.id)).toEqual([
      'free2gpt',
      'aichatfree',
      'gprochat',
      'freegpt',
    ]);
    expect(before.data[3]).toMatchObject({
      object: 'provider',
      label: 'FreeGpt',
      defaultModel: 'gemini-1.5-pro',
      models: ['gemini-1.5-pro', 'gemini-1.5-flash'],
      baseURLs: [test.emulator.sites.freegpt],
      status: { state: 'unknown', checkedAt: null, error: null },
    });

    test.emulator.scenario('gprochat', { fault: 'server-error' });
    await test.openai.chat.completions
      .create({ model: 'gprochat', messages: hello })
      .catch(() => {});
    await test.openai.chat.completions.create({ model: 'freegpt', messages: hello });
    const after = await providers();
    expect(after.data[2]!.status).toMatchObject({
      state: 'down',
      error: expect.stringContaining('HTTP 500'),
    });
    expect(after.data[3]!.status).toMatchObject({ state: 'up', error: null });
    expect(Date.parse(after.data[3]!.status.checkedAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('marks a provider down when its stream fails after text arrived', async () => {
    test.emulator.scenario('aichatfree', { fault: 'reset-mid-reply' });
    const response = await request(`${test.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'aichatfree', stream: true, messages: hello }),
    });
    expect(response.statusCode).toBe(200);
    const events = await response.body.text();
    expect(events).toContain('"content":');
    expect(events).toContain('"error":');
    const status = (await providers()).data[1]!.status;
    expect(status).toMatchObject({ state: 'down', error: expect.any(String) });
    expect(Date.parse(status.checkedAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('answers the health check', async () => {
    const response = await request(`${test.url}/healthz`);
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({
      status: 'ok',
      uptime: expect.any(Number),
      state: { backend: 'memory', up: true },
    });
  });
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin', async () => {
    const response = await request(`${test.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
    await response.body.dump();
  });

  it('adds the CORS headers to a stream, and none for another origin', async () => {
    const allowed = await request(`${test.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://app.example' },
      body: JSON.stringify({ model: 'free2gpt', messages: hello, stream: true }),
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(allowed.headers['access-control-expose-headers']).toContain('x-request-id');
    await allowed.body.dump();
    const other = await request(`${test.url}/v1/models`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await other.body.dump();
  });
});

describe('client abort and logContents', () => {
  it('closes the upstream request when the client aborts its stream', async () => {
    test.emulator.scenario('free2gpt', { text: 'tick '.repeat(2000), chunkSize: 5, delayMs: 2 });
    const controller = new AbortController();
    const stream = await test.openai.chat.completions.create(
      { model: 'free2gpt', messages: hello, stream: true },
      { signal: controller.signal },
    );
    const upstream = test.emulator.requests.at(-1)!;
    let received = '';
    // The openai client ends the loop quietly when its signal aborts.
    for await (const chunk of stream) {
      received += chunk.choices[0]?.delta.content ?? '';
      if (received.length >= 20) controller.abort();
    }
    expect(received.length).toBeLessThan(100);
    await upstream.closed;
    expect(upstream.clientClosed).toBe(true);
  });

  it('logs the conversation and the reply when logContents is set', async () => {
    await test.openai.chat.completions.create({ model: 'free2gpt', messages: hello });
    const finished = test.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'chat completion finished');
    expect(finished.at(-1)).toMatchObject({
      outcome: 'stop',
      reply: emulatedReplyText('free2gpt', hello),
    });
    expect(test.logs.join('')).toContain('"conversation":[{"role":"user","content":"Hello!"}]');
  });
});
