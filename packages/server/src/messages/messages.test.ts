import type { Message } from '@freechat/core';
import { emulatedReplyText } from '@freechat/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  anthropicClient,
  anthropicRejection,
  type CheckedAnthropic,
  postJson,
} from '../../test/test-anthropic-client.js';
import { parseMessageStream } from '../../test/test-anthropic-validator.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

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

const hello: Message[] = [{ role: 'user', content: 'Hello!' }];
const tokens = (text: string) => Math.ceil(text.length / 4);

/** The messages the emulated free2gpt site received on its last request. */
function upstreamMessages(): unknown {
  return (test.emulator.requests.at(-1)!.body as { messages: unknown }).messages;
}

describe('POST /v1/messages, not streaming', () => {
  it('answers with a message the official client reads: text, end_turn, estimated usage', async () => {
    const message = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    const text = emulatedReplyText('free2gpt', hello);
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'free2gpt/gemini-1.5-pro',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: tokens('Hello!'), output_tokens: tokens(text) },
    });
    expect(message.id).toMatch(/^msg_[\w-]{24}$/);
    const [seen] = await anthropic.settled();
    expect(seen!.status).toBe(200);
  });

  it('sends the system prompt (a string or text blocks) and joins text blocks with a blank line', async () => {
    await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      system: [
        { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Answer in French.' },
      ],
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: [{ type: 'text', text: 'Salut' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'First,' },
            { type: 'text', text: 'then.' },
          ],
        },
      ],
    });
    expect(upstreamMessages()).toEqual([
      { role: 'system', content: 'Be brief.\n\nAnswer in French.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Salut' },
      { role: 'user', content: 'First,\n\nthen.' },
    ]);
    await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(upstreamMessages()).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('takes system messages in `messages` (as Claude Code sends them), those after the last user turn moved before it', async () => {
    await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'system', content: 'Environment: linux.' },
        { role: 'user', content: [{ type: 'text', text: 'Again' }] },
        { role: 'system', content: [{ type: 'text', text: 'A late note.' }] },
      ],
    });
    expect(upstreamMessages()).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'system', content: 'Environment: linux.' },
      { role: 'system', content: 'A late note.' },
      { role: 'user', content: 'Again' },
    ]);
  });

  it('accepts and ignores what Claude Code sends besides the conversation', async () => {
    const response = await postJson(
      test,
      '/v1/messages?beta=true',
      {
        model: 'free2gpt',
        max_tokens: 128000,
        temperature: 1,
        top_p: 0.9,
        top_k: 5,
        metadata: { user_id: 'user_1' },
        thinking: { type: 'adaptive' },
        context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
        output_config: { effort: 'high' },
        messages: [{ role: 'user', content: 'Hello!' }],
      },
      { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'claude-code-20250219' },
    );
    expect(response.statusCode).toBe(200);
    const body = (await response.body.json()) as { content: { text: string }[] };
    expect(body.content[0]!.text).toBe(emulatedReplyText('free2gpt', hello));
  });

  it('takes a query string, as Claude Code sends `?beta=true`', async () => {
    const message = await anthropic.client.messages.create(
      { model: 'free2gpt', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello!' }] },
      { query: { beta: 'true' } },
    );
    expect(message.content).toEqual([
      { type: 'text', text: emulatedReplyText('free2gpt', hello), citations: null },
    ]);
    const [seen] = await anthropic.settled();
    expect(new URL(seen!.url).search).toBe('?beta=true');
  });

  it('cuts the reply before a stop sequence: stop_reason stop_sequence, naming it', async () => {
    test.emulator.scenario('free2gpt', { text: 'one, two; END three', chunkSize: 3 });
    const message = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      stop_sequences: ['never', 'END', ';'],
      messages: [{ role: 'user', content: 'Count.' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'one, two', citations: null }]);
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe(';');
  });

  it('cuts the reply at max_tokens (4 characters a token): stop_reason max_tokens', async () => {
    test.emulator.scenario('free2gpt', { text: 'abcdefghijklmnop' });
    const message = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'Letters.' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'abcdefghijkl', citations: null }]);
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBe(3);
  });
});

describe('POST /v1/messages, streaming', () => {
  it('streams to messages.stream(): text events, and finalMessage() whole', async () => {
    test.emulator.scenario('free2gpt', { text: 'Hello there, friend.', chunkSize: 4, delayMs: 5 });
    const stream = anthropic.client.messages.stream({
      model: 'free2gpt',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    const pieces: string[] = [];
    stream.on('text', (text) => pieces.push(text));
    const message = await stream.finalMessage();
    expect(pieces.join('')).toBe('Hello there, friend.');
    expect(message).toMatchObject({
      model: 'free2gpt/gemini-1.5-pro',
      content: [{ type: 'text', text: 'Hello there, friend.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: tokens('Hello!'), output_tokens: tokens('Hello there, friend.') },
    });
  });

  it('sends Anthropic’s exact event sequence', async () => {
    test.emulator.scenario('free2gpt', { text: 'Hi you', chunkSize: 3 });
    const response = await postJson(test, '/v1/messages', {
      model: 'free2gpt',
      max_tokens: 1024,
      stream: true,
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const events = parseMessageStream(await response.body.text());
    const names = events.map((event) => event.event);
    // The site's chunks may arrive together: one text delta or more.
    const deltas = names.filter((name) => name === 'content_block_delta').length;
    expect(names).toEqual([
      'message_start',
      'content_block_start',
      ...Array<string>(deltas).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(deltas).toBeGreaterThan(0);
    expect(events[0]!.data.message).toMatchObject({ content: [], stop_reason: null });
    expect(events[1]!.data.content_block).toEqual({ type: 'text', text: '', citations: null });
    const text = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => (event.data.delta as { type: string; text: string }).text)
      .join('');
    expect(text).toBe('Hi you');
    expect(events.at(-2)!.data).toMatchObject({
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: tokens('Hi you') },
    });
  });

  it('ends a streamed reply at a stop sequence split across chunks', async () => {
    test.emulator.scenario('free2gpt', { text: 'alpha STOP beta', chunkSize: 2 });
    const message = await anthropic.client.messages
      .stream({
        model: 'free2gpt',
        max_tokens: 1024,
        stop_sequences: ['STOP'],
        messages: [{ role: 'user', content: 'Go.' }],
      })
      .finalMessage();
    expect(message.content).toMatchObject([{ type: 'text', text: 'alpha ' }]);
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('STOP');
  });
});

describe('model names', () => {
  it('answers a claude-… model it does not serve with every provider in turn, and says so', async () => {
    const { data: message, response } = await anthropic.client.messages
      .create({
        model: 'claude-opus-4-5',
        max_tokens: 1024,
        messages: [{ role: 'user', content: 'Hello!' }],
      })
      .withResponse();
    expect(message.model).toBe('freechat');
    expect(response.headers.get('x-freechat-model-substituted')).toBe('claude-opus-4-5');
    expect(message.content).toMatchObject([{ text: emulatedReplyText('free2gpt', hello) }]);
    expect(test.emulator.requests.at(-1)!.site).toBe('free2gpt');
  });

  it('falls back to the next provider for a claude-… model when the first fails', async () => {
    test.emulator.scenario('free2gpt', { fault: 'server-error' });
    const message = await anthropic.client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(message.content).toMatchObject([{ text: emulatedReplyText('aichatfree', hello) }]);
  });

  it('refuses any other model it does not serve: 404 not_found_error', async () => {
    const error = await anthropicRejection(
      anthropic.client.messages.create({
        model: 'gpt-4o',
        max_tokens: 1024,
        messages: [{ role: 'user', content: 'Hello!' }],
      }),
    );
    expect(error.status).toBe(404);
    expect(error.type).toBe('not_found_error');
    expect(error.message).toContain("The model 'gpt-4o' does not exist");
    expect(test.emulator.requests).toEqual([]);
  });
});

describe('POST /v1/messages/count_tokens', () => {
  it('counts the prompt as the site gets it, estimated like usage', async () => {
    const count = await anthropic.client.messages.countTokens({
      model: 'free2gpt',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(count).toEqual({ input_tokens: tokens('Be brief.Hello!') });
    const message = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(message.usage.input_tokens).toBe(count.input_tokens);
  });

  it('counts the tool instruction the site would get, and sends nothing', async () => {
    const plain = await anthropic.client.messages.countTokens({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Weather?' }],
    });
    const withTools = await anthropic.client.messages.countTokens({
      model: 'claude-sonnet-4-5',
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: {} } }],
      messages: [{ role: 'user', content: 'Weather?' }],
    });
    expect(withTools.input_tokens).toBeGreaterThan(plain.input_tokens + 50);
    expect(test.emulator.requests).toEqual([]);
  });
});
