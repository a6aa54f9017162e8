import type { Message } from '@freechat/core';
import { emulatedReplyText } from '@freechat/emulator';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { logger: true } });
});
afterAll(() => test.close());

const hello: Message[] = [{ role: 'user', content: 'Hello!' }];

/** Splits a raw SSE body into its `data:` payloads. */
function dataPayloads(body: string): string[] {
  expect(body.endsWith('\n\n')).toBe(true);
  return body
    .slice(0, -2)
    .split('\n\n')
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      return event.slice('data: '.length);
    });
}

describe('POST /v1/chat/completions', () => {
  it('answers a non-streaming completion in OpenAI shape', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt/gemini-1.5-pro',
      messages: hello,
    });
    const content = emulatedReplyText('free2gpt', hello);
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'free2gpt/gemini-1.5-pro',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: Math.ceil('Hello!'.length / 4),
        completion_tokens: Math.ceil(content.length / 4),
        total_tokens: Math.ceil('Hello!'.length / 4) + Math.ceil(content.length / 4),
      },
    });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.created).toBeCloseTo(Date.now() / 1000, -1);
  });

  it('streams the role first, then the content, then finish_reason "stop"', async () => {
    const stream = await test.openai.chat.completions.create({
      model: 'aichatfree/gemini-1.5-pro',
      messages: hello,
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.map((chunk) => chunk.choices[0]!.delta.content ?? '').join('')).toBe(
      emulatedReplyText('aichatfree', hello),
    );
    expect(chunks.at(-1)!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.slice(0, -1).every((chunk) => chunk.choices[0]!.finish_reason === null)).toBe(
      true,
    );
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
  });

  it('writes server-sent events with the right headers, ending with data: [DONE]', async () => {
    const response = await request(`${test.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-42' },
      body: JSON.stringify({ model: 'gprochat', messages: hello, stream: true }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['x-request-id']).toBe('trace-42');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const payloads = dataPayloads(await response.body.text());
    expect(payloads.at(-1)).toBe('[DONE]');
    const chunks = payloads.slice(0, -1).map((payload) => JSON.parse(payload));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.every((chunk) => chunk.model === 'gprochat/gemini-1.5-pro')).toBe(true);
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('joins an array of text parts into one message', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hel' },
            { type: 'text', text: 'lo!' },
          ],
        },
      ],
    });
    expect(completion.choices[0]!.message.content).toBe(emulatedReplyText('free2gpt', hello));
    expect(test.emulator.requests.at(-1)!.body).toMatchObject({ messages: hello });
  });

  it('sends a system and a developer message as system messages', async () => {
    await test.openai.chat.completions.create({
      model: 'freegpt',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: 'Be kind.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    expect(test.emulator.requests.at(-1)!.body).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hi' },
      ],
    });
  });

  it('ends with a usage chunk with empty choices when stream_options.include_usage is set', async () => {
    const stream = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const content = emulatedReplyText('free2gpt', hello);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({
      prompt_tokens: 2,
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: 2 + Math.ceil(content.length / 4),
    });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
  });
});

describe('stop sequences', () => {
  const reply = `Roses are red. STOP here; ${'and then a long tail. '.repeat(60)}`;

  it('cuts a stream before a stop sequence split across upstream chunks and closes the upstream request', async () => {
    test.emulator.scenario('free2gpt', { text: reply, chunkSize: 3, delayMs: 2 });
    const stream = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: hello,
      stream: true,
      stop: ['never', 'STOP'],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]!.delta.content ?? '').join('')).toBe(
      'Roses are red. ',
    );
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    const upstream = test.emulator.requests.at(-1)!;
    await upstream.closed;
    expect(upstream.clientClosed).toBe(true);
  });

  it('cuts a non-streaming reply at a stop string', async () => {
    test.emulator.scenario('freegpt', { text: reply, chunkSize: 5, delayMs: 2 });
    const completion = await test.openai.chat.completions.create({
      model: 'freegpt',
      messages: hello,
      stop: 'red.',
    });
    expect(completion.choices[0]).toMatchObject({
      message: { content: 'Roses are ' },
      finish_reason: 'stop',
    });
    const upstream = test.emulator.requests.at(-1)!;
    await upstream.closed;
    expect(upstream.clientClosed).toBe(true);
  });

  it('sends held-back text that turned out not to be a stop sequence', async () => {
    test.emulator.scenario('free2gpt', { text: 'It ends with ST', chunkSize: 2 });
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: hello,
      stop: ['STOP'],
    });
    expect(completion.choices[0]!.message.content).toBe('It ends with ST');
  });
});

describe('model names', () => {
  it('takes a provider id alone as its default model', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'freegpt',
      messages: hello,
    });
    expect(completion.model).toBe('freegpt/gemini-1.5-pro');
    expect(test.emulator.requests.at(-1)!.site).toBe('freegpt');
  });

  it.each([
    ['takes provider/model', 'freegpt/gemini-1.5-flash', 'freegpt'],
    [
      'serves a bare model id from the first provider, in the order given',
      'gemini-1.5-pro',
      'free2gpt',
    ],
  ] as const)('%s', async (_name, model, site) => {
    const completion = await test.openai.chat.completions.create({ model, messages: hello });
    expect(completion.model).toBe(model);
    expect(completion.choices[0]!.message.content).toBe(emulatedReplyText(site, hello));
  });

  it('falls back across the providers that serve a bare model id', async () => {
    const first = test.emulator.requests.length;
    test.emulator.scenario(
      'free2gpt',
      { fault: 'server-error' },
      { fault: 'server-error' },
      { fault: 'server-error' },
    );
    const stream = await test.openai.chat.completions.create({
      model: 'gemini-1.5-flash',
      messages: hello,
      stream: true,
    });
    let content = '';
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? '';
    expect(content).toBe(emulatedReplyText('freegpt', hello));
    expect(test.emulator.requests.slice(first).map((entry) => entry.site)).toEqual([
      'free2gpt',
      'free2gpt',
      'free2gpt',
      'freegpt',
    ]);
  });
});

describe('logging', () => {
  it('writes JSON lines with the request id, and never the conversation', async () => {
    const secret = 'my secret question 7f3a';
    const response = await request(`${test.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-hidden-1234' },
      body: JSON.stringify({ model: 'free2gpt', messages: [{ role: 'user', content: secret }] }),
    });
    const id = response.headers['x-request-id'] as string;
    const body = (await response.body.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]!.message.content).toContain(secret);
    expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    const lines = test.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const own = lines.filter((line) => line.reqId === id);
    expect(own.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['chat completion started', 'chat completion finished']),
    );
    const text = test.logs.join('');
    expect(text).not.toContain('secret question');
    expect(text).not.toContain('sk-hidden-1234');
  });
});
