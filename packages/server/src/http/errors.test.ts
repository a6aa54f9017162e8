import type { Message } from '@freechat/core';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, startTestServer, type TestServer } from '../../test/test-setup.js';

const API_KEY = 'sk-test-0123456789';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({
    // Cooldowns off: each test here plays its own faults (providers/cooldowns.test.ts tests them).
    server: { apiKey: API_KEY, bodyLimit: 64 * 1024, cooldownTime: 0 },
    providers: { maxRetries: 0 },
  });
});
afterAll(() => test.close());

const hello: Message[] = [{ role: 'user', content: 'Hello!' }];

/** Posts a raw body to the chat route with the API key. */
function post(body: string, headers: Record<string, string> = {}) {
  return request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/json',
      ...headers,
    },
    body,
  });
}

describe('400 invalid request', () => {
  it('names the field at fault in param', async () => {
    const error = await rejection(
      test.openai.chat.completions.create({
        model: 'free2gpt',
        messages: [{ role: 'robot', content: 'Hi' } as never],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.error).toMatchObject({ type: 'invalid_request_error', param: 'messages[0].role' });
    expect(error.message).toContain('"system", "developer", "user", "assistant"');
  });

  it('names a missing field', async () => {
    const response = await post(JSON.stringify({ model: 'free2gpt' }));
    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: null,
      },
    });
  });

  it('refuses a content part other than text', async () => {
    const error = await rejection(
      test.openai.chat.completions.create({
        model: 'free2gpt',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
          },
        ],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('messages[0].content[0].type');
    expect(error.message).toContain('only text content parts');
  });

  it('refuses n > 1 rather than returning fewer choices', async () => {
    const error = await rejection(
      test.openai.chat.completions.create({ model: 'free2gpt', messages: hello, n: 2 }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('n');
  });

  it('refuses more than four stop sequences', async () => {
    const error = await rejection(
      test.openai.chat.completions.create({
        model: 'free2gpt',
        messages: hello,
        stop: ['a', 'b', 'c', 'd', 'e'],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('stop');
  });

  it('accepts the parameters it cannot honour and ignores them', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: hello,
      temperature: 0.2,
      top_p: 0.9,
      seed: 42,
      presence_penalty: 1,
      frequency_penalty: 1,
      user: 'someone',
      tools: [{ type: 'function', function: { name: 'noop', parameters: {} } }],
      tool_choice: 'none',
    });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
  });

  it('answers malformed JSON with a 400', async () => {
    const response = await post('{"model": ');
    expect(response.statusCode).toBe(400);
    expect(await response.body.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: null },
    });
  });

  it('reports the last message not being the user’s, as core names it', async () => {
    const error = await rejection(
      test.openai.chat.completions.create({
        model: 'free2gpt',
        messages: [...hello, { role: 'assistant', content: 'Hi' }],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('messages[1].role');
  });

  it.each([
    ['null content from the user', null],
    ['an empty array of parts', []],
  ])('refuses an empty turn: %s', async (_name, content) => {
    const response = await post(
      JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content }] }),
    );
    expect(response.statusCode).toBe(400);
    const { error } = (await response.body.json()) as { error: { param: string } };
    expect(error.param).toBe('messages[0].content');
  });
});

describe('401 API key', () => {
  it('refuses a request without a key', async () => {
    const response = await request(`${test.url}/v1/models`);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(await response.body.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: null },
    });
  });

  it('refuses a wrong key', async () => {
    const client = new OpenAI({ baseURL: `${test.url}/v1`, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await rejection(client.models.list());
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
  });

  it('accepts the right key', async () => {
    const models = await test.openai.models.list();
    expect(models.data.length).toBeGreaterThan(0);
  });

  it('answers the health check without a key', async () => {
    const response = await request(`${test.url}/healthz`);
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toMatchObject({ status: 'ok' });
  });
});

describe('404, 413, 415', () => {
  it('answers an unknown model with 404 model_not_found', async () => {
    for (const model of ['gpt-4o', 'freegpt/gpt-4o', 'nowhere/gemini-1.5-pro']) {
      const error = await rejection(
        test.openai.chat.completions.create({ model, messages: hello, stream: true }),
      );
      expect(error.status).toBe(404);
      expect(error.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    }
  });

  it('answers an unknown route with 404 in OpenAI shape', async () => {
    const response = await request(`${test.url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({
      error: { message: 'Invalid URL (POST /v1/embeddings).', type: 'invalid_request_error' },
    });
  });

  it('answers a body over the limit with 413', async () => {
    const content = 'x'.repeat(100 * 1024);
    const response = await post(
      JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content }] }),
    );
    expect(response.statusCode).toBe(413);
    expect(await response.body.json()).toMatchObject({ error: { code: 'request_too_large' } });
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await post('model=free2gpt', { 'content-type': 'text/plain' });
    expect(response.statusCode).toBe(415);
    expect(await response.body.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'unsupported_media_type' },
    });
  });
});

describe('upstream failures', () => {
  it('answers an upstream rate limit with 429 and its Retry-After, before any stream starts', async () => {
    test.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 7 });
    const response = await post(
      JSON.stringify({ model: 'free2gpt', messages: hello, stream: true }),
    );
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.headers['retry-after-ms']).toBe('7000');
    expect(response.headers['content-type']).toContain('application/json');
    expect(await response.body.json()).toMatchObject({
      error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
    });
  });

  it('answers a spent quota with 429 insufficient_quota', async () => {
    test.emulator.scenario('aichatfree', { fault: 'quota' });
    const error = await rejection(
      test.openai.chat.completions.create({ model: 'aichatfree', messages: hello }),
    );
    expect(error.status).toBe(429);
    expect(error.code).toBe('insufficient_quota');
  });

  it('answers a fallback chain that met only rate limits with 429 and the shortest wait', async () => {
    test.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 9 });
    test.emulator.scenario('freegpt', { fault: 'rate-limit', retryAfter: 4 });
    const response = await post(JSON.stringify({ model: 'gemini-1.5-flash', messages: hello }));
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('4');
    await response.body.dump();
  });

  it('answers another upstream failure with 502 naming provider, URL and status', async () => {
    test.emulator.scenario('gprochat', { fault: 'bad-gateway' });
    const error = await rejection(
      test.openai.chat.completions.create({ model: 'gprochat', messages: hello, stream: true }),
    );
    expect(error.status).toBe(502);
    expect(error.error).toMatchObject({ type: 'upstream_error', code: 'upstream_error' });
    expect(error.message).toContain('[gprochat] HTTP 502 from POST');
    expect(error.message).toContain(`${test.emulator.sites.gprochat}/api/generate`);
  });

  it.each([false, true])(
    'answers an empty reply with 502, never as an empty answer (stream: %s)',
    async (stream) => {
      test.emulator.scenario('gprochat', { text: '' });
      const error = await rejection(
        test.openai.chat.completions.create({ model: 'gprochat', messages: hello, stream }),
      );
      expect(error.status).toBe(502);
      expect(error.error).toMatchObject({ type: 'upstream_error', code: 'upstream_error' });
      expect(error.message).toContain('empty');
    },
  );

  it('answers an upstream timeout with 504', async () => {
    // A server of its own: only here may the providers' timeout be short, since the site never answers.
    const stalled = await startTestServer({ providers: { maxRetries: 0, timeout: 300 } });
    try {
      stalled.emulator.scenario('free2gpt', { fault: 'stall-before-headers' });
      const error = await rejection(
        stalled.openai.chat.completions.create({ model: 'free2gpt', messages: hello }),
      );
      expect(error.status).toBe(504);
      expect(error.error).toMatchObject({ type: 'timeout_error', code: 'upstream_timeout' });
      expect(error.message).toContain('did not start within 300 ms');
    } finally {
      await stalled.close();
    }
  });

  it('reports a failure after the stream started as an error event, then [DONE]', async () => {
    test.emulator.scenario('free2gpt', { fault: 'reset-mid-reply', delayMs: 20 });
    const response = await post(
      JSON.stringify({ model: 'free2gpt', messages: hello, stream: true }),
    );
    expect(response.statusCode).toBe(200);
    const events = (await response.body.text()).split('\n\n');
    expect(events.pop()).toBe('');
    expect(events.pop()).toBe('data: [DONE]');
    const failure = JSON.parse(events.pop()!.slice('data: '.length));
    expect(failure).toEqual({
      error: {
        message: expect.stringMatching(/^\[free2gpt\] POST http:\/\/\S+: connection failed: /),
        type: 'upstream_error',
        param: null,
        code: 'upstream_error',
      },
    });
    const chunks = events.map((event) => JSON.parse(event.slice('data: '.length)));
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.some((chunk) => chunk.choices[0].delta.content)).toBe(true);
    expect(chunks.every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
  });

  it('makes the openai client throw on a mid-stream error event', async () => {
    test.emulator.scenario('free2gpt', { fault: 'reset-mid-reply', delayMs: 20 });
    const stream = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: hello,
      stream: true,
    });
    let content = '';
    const error = await rejection(
      (async () => {
        for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
      })(),
    );
    expect(content.length).toBeGreaterThan(0);
    expect(error.message).toMatch(/^\[free2gpt\] POST http:\/\/\S+: connection failed: /);
  });
});
