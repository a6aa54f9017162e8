import type { Message } from '@freechat/core';
import { emulatedReplyText } from '@freechat/emulator';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValid, parseResponsesStream } from '../../test/test-responses-validator.js';
import { rejection, startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ providers: { maxRetries: 0 } });
});
afterAll(() => test.close());

const hello: Message[] = [{ role: 'user', content: 'Hello!' }];

/** Posts a JSON body to `/v1/responses`. */
function post(body: unknown) {
  return request(`${test.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The messages the emulated free2gpt site received on its last request. */
function upstreamMessages(): unknown {
  return (test.emulator.requests.at(-1)!.body as { messages: unknown }).messages;
}

describe('POST /v1/responses, not streaming', () => {
  it('answers a text input with a Response the official client reads', async () => {
    const response = await test.openai.responses.create({
      model: 'free2gpt/gemini-1.5-pro',
      input: 'Hello!',
    });
    const text = emulatedReplyText('free2gpt', hello);
    expect(response.output_text).toBe(text);
    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'free2gpt/gemini-1.5-pro',
      error: null,
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text, annotations: [] }],
        },
      ],
      usage: {
        input_tokens: Math.ceil('Hello!'.length / 4),
        output_tokens: Math.ceil(text.length / 4),
        total_tokens: Math.ceil('Hello!'.length / 4) + Math.ceil(text.length / 4),
      },
    });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output[0]!.id).toMatch(/^msg_/);
    expect(response.created_at).toBeCloseTo(Date.now() / 1000, -1);
  });

  it('sends a body that satisfies OpenAI’s Response schema', async () => {
    const response = await post({
      model: 'freegpt',
      input: 'Hello!',
      instructions: 'Be brief.',
      metadata: { user: 'u1' },
      temperature: 0.5,
    });
    expect(response.statusCode).toBe(200);
    const body = (await response.body.json()) as Record<string, unknown>;
    expectValid('Response', body);
    expect(body).toMatchObject({
      instructions: 'Be brief.',
      metadata: { user: 'u1' },
      temperature: 0.5,
      top_p: 1,
      tool_choice: 'auto',
      tools: [],
    });
  });

  it('takes the same model names as chat completions: a bare model id is a fallback chain', async () => {
    const response = await test.openai.responses.create({
      model: 'gemini-1.5-pro',
      input: 'Hello!',
    });
    expect(response.model).toBe('gemini-1.5-pro');
    expect(response.output_text).toBe(emulatedReplyText('free2gpt', hello));
  });

  it('sends instructions as a system message before the input', async () => {
    await test.openai.responses.create({
      model: 'free2gpt',
      instructions: 'Answer in French.',
      input: 'Hello!',
    });
    expect(upstreamMessages()).toEqual([
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'Hello!' },
    ]);
  });

  it('reads a message-list input: roles, text parts and earlier answers', async () => {
    const response = await test.openai.responses.create({
      model: 'free2gpt',
      input: [
        { role: 'developer', content: 'Be kind.' },
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Hi ' },
            { type: 'input_text', text: 'there' },
          ],
        },
        {
          type: 'message',
          role: 'assistant',
          id: 'msg_1',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Hello!', annotations: [] }],
        },
        { role: 'user', content: 'How are you?' },
      ],
    });
    const conversation: Message[] = [
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: 'Hi there' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'How are you?' },
    ];
    expect(upstreamMessages()).toEqual(conversation);
    expect(response.output_text).toBe(emulatedReplyText('free2gpt', conversation));
  });
});

describe('POST /v1/responses, streaming', () => {
  it('streams the Responses events in OpenAI’s order to the official client', async () => {
    const text = 'Streamed in small pieces, as they come.';
    test.emulator.scenario('aichatfree', { text, chunkSize: 4, delayMs: 2 });
    const stream = await test.openai.responses.create({
      model: 'aichatfree/gemini-1.5-pro',
      input: 'Hello!',
      stream: true,
    });
    const events = [];
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    const deltas = types.filter((type) => type === 'response.output_text.delta').length;
    expect(deltas).toBeGreaterThanOrEqual(1);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array<string>(deltas).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    let streamed = '';
    for (const event of events) {
      if (event.type === 'response.output_text.delta') streamed += event.delta;
    }
    expect(streamed).toBe(text);
    const last = events.at(-1)!;
    if (last.type !== 'response.completed') throw new Error('no response.completed');
    expect(last.response.output).toMatchObject([{ content: [{ text }] }]);
    expect(last.response.status).toBe('completed');
    expect(last.response.usage?.output_tokens).toBe(Math.ceil(text.length / 4));
  });

  it('feeds the official client’s stream helper, which rebuilds the Response from the events', async () => {
    const text = 'One, two, three, four, five.';
    test.emulator.scenario('free2gpt', { text, chunkSize: 3, delayMs: 1 });
    const stream = test.openai.responses.stream({ model: 'free2gpt', input: 'Count.' });
    let streamed = '';
    stream.on('response.output_text.delta', (event) => {
      streamed += event.delta;
    });
    const response = await stream.finalResponse();
    expect(streamed).toBe(text);
    expect(response.output_text).toBe(text);
    expect(response.status).toBe('completed');
  });

  it('writes every event as OpenAI does: event name, schema-valid data, sequence numbers from 0', async () => {
    const response = await post({ model: 'gprochat', input: 'Hello!', stream: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const events = parseResponsesStream(await response.body.text());
    const [created, , added, part] = events;
    const id = (created!.data.response as { id: string }).id;
    const messageId = (added!.data.item as { id: string }).id;
    expect(part!.data.item_id).toBe(messageId);
    const completed = events.at(-1)!.data.response as { id: string; output: { id: string }[] };
    expect(completed.id).toBe(id);
    expect(completed.output[0]!.id).toBe(messageId);
    expect(created!.data.response).not.toHaveProperty('usage');
  });

  it('answers an empty reply as an upstream failure, not as an empty answer', async () => {
    test.emulator.scenario('free2gpt', { text: '' });
    const error = await rejection(
      test.openai.responses.create({ model: 'free2gpt', input: 'Hello!', stream: true }),
    );
    expect(error.status).toBe(502);
    expectValid('Error', error.error);
    expect(error.error).toMatchObject({ message: expect.stringContaining('empty') });
  });
});

describe('POST /v1/responses, failures', () => {
  it('answers an upstream failure before the first text with its real status', async () => {
    test.emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 7 });
    const error = await rejection(
      test.openai.responses.create({ model: 'free2gpt', input: 'Hello!', stream: true }),
    );
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('7');
    expect(error.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
    expectValid('Error', error.error);
  });

  it('ends a stream that fails after it started with an error event and response.failed', async () => {
    test.emulator.scenario('free2gpt', { fault: 'reset-mid-reply', delayMs: 20 });
    const response = await post({ model: 'free2gpt', input: 'Hello!', stream: true });
    expect(response.statusCode).toBe(200);
    const events = parseResponsesStream(await response.body.text());
    const [error, failed] = events.slice(-2);
    expect(error!.data).toMatchObject({
      type: 'error',
      code: 'upstream_error',
      message: expect.stringMatching(/^\[free2gpt\] POST http:\/\/\S+: connection failed: /),
      param: null,
    });
    const streamed = events
      .filter((event) => event.event === 'response.output_text.delta')
      .map((event) => event.data.delta)
      .join('');
    expect(streamed.length).toBeGreaterThan(0);
    expect(failed!.data.response).toMatchObject({
      status: 'failed',
      error: { code: 'server_error', message: error!.data.message },
      output: [{ status: 'incomplete', content: [{ text: streamed }] }],
    });
  });

  it('closes the upstream request when the client aborts the stream', async () => {
    test.emulator.scenario('freegpt', { fault: 'stall-mid-reply' });
    const controller = new AbortController();
    const stream = await test.openai.responses.create(
      { model: 'freegpt', input: 'Hello!', stream: true },
      { signal: controller.signal },
    );
    const upstream = test.emulator.requests.at(-1)!;
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') controller.abort();
    }
    await upstream.closed;
    expect(upstream.clientClosed).toBe(true);
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const error = await rejection(test.openai.responses.create({ model: 'gpt-9', input: 'Hi' }));
    expect(error.status).toBe(404);
    expect(error.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    expectValid('Error', error.error);
  });

  it.each([
    [{ input: 'Hi' }, 'model'],
    [{ model: 'freegpt' }, 'input'],
    [{ model: 'freegpt', input: [] }, 'input'],
    [{ model: 'freegpt', input: 'Hi', tools: [{ type: 'web_search' }] }, 'tools[0].type'],
    [{ model: 'freegpt', input: 'Hi', tool_choice: 'required' }, 'tool_choice'],
    [{ model: 'freegpt', input: 'Hi', text: { format: { type: 'json_object' } } }, 'text.format'],
    [{ model: 'freegpt', input: 'Hi', previous_response_id: 'resp_1' }, 'previous_response_id'],
    [{ model: 'freegpt', input: 'Hi', conversation: 'conv_1' }, 'conversation'],
    [{ model: 'freegpt', input: 'Hi', background: true }, 'background'],
    [
      { model: 'freegpt', input: [{ type: 'function_call_output', call_id: 'c', output: 'x' }] },
      'input[0].call_id',
    ],
    [{ model: 'freegpt', input: [{ type: 'reasoning', summary: [] }] }, 'input[0].type'],
    [
      {
        model: 'freegpt',
        input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://x' }] }],
      },
      'input[0].content[0].type',
    ],
    [
      { model: 'freegpt', input: [{ role: 'user', content: [{ type: 'input_text' }] }] },
      'input[0].content[0].text',
    ],
    [{ model: 'freegpt', input: [{ role: 'user' }] }, 'input[0].content'],
    [{ model: 'freegpt', input: [{ role: 'robot', content: 'Hi' }] }, 'input[0].role'],
    [
      {
        model: 'freegpt',
        input: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
      'input[1].role',
    ],
  ])('refuses %j with a 400 naming %s, before any upstream request', async (body, param) => {
    const before = test.emulator.requests.length;
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    const error = await response.body.json();
    expectValid('ErrorResponse', error);
    expect(error).toMatchObject({
      error: { type: 'invalid_request_error', param, message: expect.any(String) },
    });
    expect(test.emulator.requests.length).toBe(before);
  });
});
