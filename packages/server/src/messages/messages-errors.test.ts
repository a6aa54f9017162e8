import Anthropic from '@anthropic-ai/sdk';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  anthropicClient,
  anthropicRejection,
  type CheckedAnthropic,
  postJson,
} from '../../test/test-anthropic-client.js';
import { checkResponse, parseMessageStream } from '../../test/test-anthropic-validator.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { createServer, type FreechatServer } from '../create-server.js';

const hello = { model: 'free2gpt', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] };

/** Posts to /v1/messages and checks the answer against Anthropic's shapes; resolves with it. */
async function postChecked(test: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const response = await postJson(test, '/v1/messages', body, headers);
  const text = await response.body.text();
  checkResponse(
    { url: `${test.url}/v1/messages`, status: response.statusCode, body: text },
    String(response.headers['content-type']),
  );
  return { status: response.statusCode, headers: response.headers, text };
}

/** The error of an Anthropic-shaped error body. */
function errorOf(text: string): { type: string; message: string } {
  return (JSON.parse(text) as { error: { type: string; message: string } }).error;
}

describe('bad requests: 400 invalid_request_error naming the field, before any traffic', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer();
  });
  afterEach(() => test.emulator.reset());
  afterAll(() => test.close());

  for (const [name, body, message] of [
    [
      'max_tokens missing',
      { model: 'free2gpt', messages: hello.messages },
      "Missing required parameter: 'max_tokens'.",
    ],
    ['max_tokens 0', { ...hello, max_tokens: 0 }, "Invalid 'max_tokens'"],
    [
      'an image block',
      {
        ...hello,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA==' } },
            ],
          },
        ],
      },
      'messages[0].content[1].type: "image" blocks are not supported: the sites take text only',
    ],
    [
      'a document in a tool result',
      {
        ...hello,
        messages: [
          { role: 'user', content: 'Read it.' },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 't1', name: 'read', input: {} }],
          },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'document' }] }],
          },
        ],
      },
      'messages[2].content[0].content[0].type: "document" blocks are not supported',
    ],
    [
      'a final assistant turn (prefill)',
      { ...hello, messages: [...hello.messages, { role: 'assistant', content: 'Sure' }] },
      'messages[1].role: The last message but system ones must be the user',
    ],
    [
      'a role that is not user, assistant or system',
      { ...hello, messages: [{ role: 'tool', content: 'x' }] },
      "Invalid 'messages[0].role'",
    ],
    [
      'a conversation of system messages only',
      { ...hello, messages: [{ role: 'system', content: 'x' }] },
      'messages: The last message but system ones must be the user',
    ],
    [
      'a system message with a block that is not text',
      {
        ...hello,
        messages: [...hello.messages, { role: 'system', content: [{ type: 'image' }] }],
      },
      'messages[1].content[0].type: "image" blocks are not supported',
    ],
    [
      'tool_choice any without tools',
      { ...hello, tool_choice: { type: 'any' } },
      'tool_choice.type: tool_choice "any" needs at least one tool',
    ],
  ] as const) {
    it(`refuses ${name}`, async () => {
      const { status, text } = await postChecked(test, body);
      expect(status).toBe(400);
      const error = errorOf(text);
      expect(error.type).toBe('invalid_request_error');
      expect(error.message).toContain(message);
      expect(test.emulator.requests).toEqual([]);
    });
  }

  it('answers an unknown URL under /v1/messages with not_found_error', async () => {
    const response = await postJson(test, '/v1/messages/batches', hello);
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error', message: 'Invalid URL (POST /v1/messages/batches).' },
    });
  });

  it('gives the request id in the body and the request-id header', async () => {
    const { headers, text } = await postChecked(test, { ...hello, max_tokens: 0 });
    expect(JSON.parse(text).request_id).toBe(headers['x-request-id']);
    expect(headers['request-id']).toBe(headers['x-request-id']);
  });
});

describe('API keys', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ server: { apiKey: 'sk-right' } });
  });
  afterAll(() => test.close());

  it('takes the key as x-api-key', async () => {
    const { client, settled } = anthropicClient(test, 'sk-right');
    const message = await client.messages.create(
      hello as Anthropic.MessageCreateParamsNonStreaming,
    );
    expect(message.type).toBe('message');
    const [seen] = await settled();
    expect(seen!.status).toBe(200);
  });

  it('takes the key as a bearer token too (the official client’s authToken)', async () => {
    const client = new Anthropic({ baseURL: test.url, authToken: 'sk-right', maxRetries: 0 });
    const message = await client.messages.create(
      hello as Anthropic.MessageCreateParamsNonStreaming,
    );
    expect(message.type).toBe('message');
  });

  it('refuses a wrong x-api-key: 401 authentication_error', async () => {
    const { client, settled } = anthropicClient(test, 'sk-wrong');
    const error = await anthropicRejection(
      client.messages.create(hello as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.type).toBe('authentication_error');
    expect(error.apiMessage).toBe('Incorrect API key provided.');
    await settled();
  });

  it('refuses a request without a key, saying how to send one', async () => {
    const { status, text } = await postChecked(test, hello);
    expect(status).toBe(401);
    expect(errorOf(text)).toEqual({
      type: 'authentication_error',
      message:
        "You didn't provide an API key. Send it as 'x-api-key: <key>' or 'Authorization: Bearer <key>'.",
    });
  });

  it('leaves the OpenAI routes as they are: x-api-key is not their header', async () => {
    const response = await postJson(
      test,
      '/v1/chat/completions',
      { model: 'free2gpt', messages: [{ role: 'user', content: 'Hi' }] },
      { 'x-api-key': 'sk-right' },
    );
    expect(response.statusCode).toBe(401);
    expect(await response.body.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: null },
    });
  });
});

describe('per-key limits', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({
      server: { apiKey: { key: 'sk-limited', name: 'ci', requestsPerMinute: 1 } },
    });
  });
  afterAll(() => test.close());

  it('answers a request over its key’s limit with Anthropic’s 429 rate_limit_error and Retry-After', async () => {
    const { client, settled } = anthropicClient(test, 'sk-limited');
    await client.messages.create(hello as Anthropic.MessageCreateParamsNonStreaming);
    const error = await anthropicRejection(
      client.messages.create(hello as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.type).toBe('rate_limit_error');
    expect(error.apiMessage).toContain("Rate limit reached for key 'ci'");
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(test.emulator.requests).toHaveLength(1);
    await settled();
  });
});

describe('upstream failures', () => {
  let test: TestServer;
  let anthropic: CheckedAnthropic;
  beforeAll(async () => {
    test = await startTestServer({ providers: { maxRetries: 0 } });
    anthropic = anthropicClient(test);
  });
  afterEach(async () => {
    test.emulator.reset();
    await anthropic.settled();
  });
  afterAll(() => test.close());

  it('maps a site’s 429 to rate_limit_error with its Retry-After', async () => {
    test.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 7 });
    const error = await anthropicRejection(
      anthropic.client.messages.create(hello as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(error.status).toBe(429);
    expect(error.type).toBe('rate_limit_error');
    expect(error.headers?.get('retry-after')).toBe('7');
  });

  it('maps a site’s failure to api_error with status 502', async () => {
    test.emulator.scenario('free2gpt', { fault: 'server-error' });
    const error = await anthropicRejection(
      anthropic.client.messages.create(hello as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(error.status).toBe(502);
    expect(error.type).toBe('api_error');
    expect(error.apiMessage).toContain('HTTP 500 from POST');
  });

  it('ends a stream that fails after its first text with an error event', async () => {
    test.emulator.scenario('free2gpt', {
      fault: 'internal-error-mid-reply',
      text: 'Some text before the failure.',
    });
    const stream = anthropic.client.messages.stream(
      hello as Anthropic.MessageCreateParamsNonStreaming,
    );
    const error = await anthropicRejection(stream.finalMessage());
    expect(error.type).toBe('api_error');
    const [seen] = await anthropic.settled();
    const events = parseMessageStream(seen!.body);
    expect(events.at(-1)).toMatchObject({
      event: 'error',
      data: { type: 'error', error: { type: 'api_error' } },
    });
    expect(events.some((event) => event.event === 'content_block_delta')).toBe(true);
  });
});

describe('maxReplyBytes, for a message not streamed', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer({ server: { maxReplyBytes: 1024 } });
  });
  afterAll(() => test.close());

  it('cuts a longer reply off, closes its upstream request, and answers api_error 502', async () => {
    test.emulator.scenario('free2gpt', { size: 64 * 1024, chunkSize: 1024, delayMs: 1 });
    const upstream = test.emulator.nextRequest();
    const { status, text } = await postChecked(test, { ...hello, max_tokens: 100_000 });
    expect(status).toBe(502);
    expect(errorOf(text)).toMatchObject({
      type: 'api_error',
      message: expect.stringContaining('maxReplyBytes (1024 bytes)'),
    });
    const entry = await upstream;
    await entry.closed;
    expect(entry.clientClosed).toBe(true);
  });
});

describe('every provider cooling down', () => {
  let emulator: Emulator;
  let server: FreechatServer;
  let url: string;
  beforeAll(async () => {
    emulator = await startEmulator();
    server = createServer({
      providers: [createFree2GPT({ baseURL: emulator.sites.free2gpt, maxRetries: 0 })],
    });
    url = await server.listen();
  });
  afterAll(async () => {
    await server.close();
    await emulator.close();
  });

  it('is overloaded_error 529 with the soonest Retry-After', async () => {
    emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 30 });
    const { client, settled } = anthropicClient({ url });
    const request = { ...hello, model: 'claude-sonnet-4-5' };
    const first = await anthropicRejection(
      client.messages.create(request as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(first.status).toBe(429);
    const second = await anthropicRejection(
      client.messages.create(request as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(second.status).toBe(529);
    expect(second.type).toBe('overloaded_error');
    expect(Number(second.headers?.get('retry-after'))).toBeGreaterThan(25);
    expect(emulator.requests).toHaveLength(1);
    await settled();
  });
});
