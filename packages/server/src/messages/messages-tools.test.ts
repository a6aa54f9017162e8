import type Anthropic from '@anthropic-ai/sdk';
import { TOOL_INSTRUCTION_HEADER } from '@freechat/core';
import { emulatedReplyText, toolCallText } from '@freechat/emulator';
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

const weather: Anthropic.Tool = {
  name: 'get_weather',
  description: 'The current weather in a city.',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};
const time: Anthropic.Tool = {
  name: 'get_time',
  description: 'The time in a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** The text of every message the emulated free2gpt site received on its last request. */
function upstreamText(): string {
  const { messages } = test.emulator.requests.at(-1)!.body as { messages: { content: string }[] };
  return messages.map((message) => message.content).join('\n');
}

/** Runs a tool call locally: the weather of its city. */
function runTool(call: Anthropic.ToolUseBlock): string {
  return JSON.stringify({ city: (call.input as { city: string }).city, temperature: 21 });
}

describe('a tool-use loop with the official client', () => {
  it('calls a tool, takes its result, and answers quoting it', async () => {
    const question = 'Weather in Paris?';
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: question }];
    const first = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather],
      messages,
    });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toHaveLength(1);
    const call = first.content[0] as Anthropic.ToolUseBlock;
    expect(call).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: question },
    });
    expect(call.id).toMatch(/^toolu_[A-Za-z0-9]{24}$/);
    expect(upstreamText()).toContain(TOOL_INSTRUCTION_HEADER);

    const result = runTool(call);
    messages.push(
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: result }] },
    );
    const second = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather],
      messages,
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([
      {
        type: 'text',
        text: `The tool get_weather returned: "${result}". (Emulated: no model was asked.)`,
        citations: null,
      },
    ]);
    // The earlier call and its result reached the site in core's format, with the call's id.
    expect(upstreamText()).toContain(`<tool_result id="${call.id}" name="get_weather">`);
  });

  it('streams a call: content_block_start with empty input, then its input as input_json_delta', async () => {
    const stream = anthropic.client.messages.stream({
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    });
    const inputs: unknown[] = [];
    stream.on('inputJson', (_partial, snapshot) => inputs.push(snapshot));
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toMatchObject([
      { type: 'tool_use', name: 'get_weather', input: { city: 'Weather in Oslo?' } },
    ]);
    expect(inputs).toEqual([{ city: 'Weather in Oslo?' }]);
    const [seen] = await anthropic.settled();
    const events = parseMessageStream(seen!.body);
    expect(events[1]!.data.content_block).toMatchObject({ type: 'tool_use', input: {} });
  });

  it('sends text before a call as its own block, then the call (streamed and not), counting both in output_tokens', async () => {
    const text = toolCallText([{ name: 'get_weather', arguments: { city: 'Rome' } }], {
      before: 'Let me check.\n',
    });
    test.emulator.scenario('free2gpt', { text, chunkSize: 5 }, { text, chunkSize: 5 });
    const request = {
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather],
      messages: [{ role: 'user' as const, content: 'Weather in Rome?' }],
    };
    const whole = await anthropic.client.messages.create(request);
    const streamed = await anthropic.client.messages.stream(request).finalMessage();
    for (const message of [whole, streamed]) {
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content).toMatchObject([
        { type: 'text', text: 'Let me check.\n' },
        { type: 'tool_use', name: 'get_weather', input: { city: 'Rome' } },
      ]);
      // The text's UTF-16 code units and the call's input JSON, four to a token.
      const characters = 'Let me check.\n'.length + JSON.stringify({ city: 'Rome' }).length;
      expect(message.usage.output_tokens).toBe(Math.ceil(characters / 4));
    }
  });

  it('passes an is_error result on as a failed tool', async () => {
    const message = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              is_error: true,
              content: [{ type: 'text', text: 'no network' }],
            },
          ],
        },
      ],
    });
    expect(message.content).toMatchObject([
      {
        type: 'text',
        text: 'The tool get_weather failed: "no network". (Emulated: no model was asked.)',
      },
    ]);
    expect(upstreamText()).toContain('<tool_result id="toolu_1" name="get_weather" error="true">');
  });
});

describe('tool_choice', () => {
  it('`none` sends no tool text at all: the site gives its plain reply', async () => {
    const message = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather],
      tool_choice: { type: 'none' },
      messages: [{ role: 'user', content: 'Hello!' }],
    });
    expect(message.content).toMatchObject([
      { text: emulatedReplyText('free2gpt', [{ role: 'user', content: 'Hello!' }]) },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(upstreamText()).not.toContain(TOOL_INSTRUCTION_HEADER);
  });

  it('`tool` forces the named tool', async () => {
    const message = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather, time],
      tool_choice: { type: 'tool', name: 'get_time' },
      messages: [{ role: 'user', content: 'Anything.' }],
    });
    expect(message.content).toMatchObject([{ type: 'tool_use', name: 'get_time' }]);
  });

  it('`any` asks again once when the model calls nothing, then fails with api_error 502', async () => {
    test.emulator.scenario('free2gpt', { text: 'No tools today.' }, { text: 'Still none.' });
    const error = await anthropicRejection(
      anthropic.client.messages.create({
        model: 'free2gpt',
        max_tokens: 1024,
        tools: [weather],
        tool_choice: { type: 'any' },
        messages: [{ role: 'user', content: 'Weather?' }],
      }),
    );
    expect(error.status).toBe(502);
    expect(error.type).toBe('api_error');
    expect(error.message).toContain('called no tool though the tool choice requires one');
    expect(test.emulator.requests).toHaveLength(2);
  });

  it('`disable_parallel_tool_use` passes the first call on and closes the reply', async () => {
    test.emulator.scenario('free2gpt', {
      text: toolCallText([
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_time', arguments: { city: 'Paris' } },
      ]),
    });
    const message = await anthropic.client.messages.create({
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather, time],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'Weather and time?' }],
    });
    expect(message.content).toMatchObject([{ type: 'tool_use', name: 'get_weather' }]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('passes parallel calls on as one tool_use block each', async () => {
    test.emulator.scenario('free2gpt', {
      text: toolCallText([
        { name: 'get_weather', arguments: { city: 'Paris' } },
        { name: 'get_time', arguments: { city: 'Paris' } },
      ]),
    });
    const message = await anthropic.client.messages
      .stream({
        model: 'free2gpt',
        max_tokens: 1024,
        tools: [weather, time],
        messages: [{ role: 'user', content: 'Weather and time?' }],
      })
      .finalMessage();
    expect(message.content).toMatchObject([
      { type: 'tool_use', name: 'get_weather' },
      { type: 'tool_use', name: 'get_time' },
    ]);
    const ids = message.content.map((block) => (block as Anthropic.ToolUseBlock).id);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('tools the server refuses', () => {
  it('refuses Anthropic’s own tool types with a 400 naming the tool', async () => {
    const response = await postJson(test, '/v1/messages', {
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather, { type: 'web_search_20250305', name: 'web_search' }],
      messages: [{ role: 'user', content: 'Search.' }],
    });
    expect(response.statusCode).toBe(400);
    const body = (await response.body.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/^tools\[1\]: Tools of type "web_search_20250305"/);
    expect(test.emulator.requests).toEqual([]);
  });

  it('names a bad custom tool by its place in the request', async () => {
    const response = await postJson(test, '/v1/messages', {
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [weather, { name: 'bad name', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: 'Hi.' }],
    });
    expect(response.statusCode).toBe(400);
    const body = (await response.body.json()) as { error: { message: string } };
    expect(body.error.message).toContain("Invalid 'tools[1].name'");
  });

  it('refuses a tool_result that answers no earlier tool_use', async () => {
    const error = await anthropicRejection(
      anthropic.client.messages.create({
        model: 'free2gpt',
        max_tokens: 1024,
        tools: [weather],
        messages: [
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: '1' }],
          },
        ],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('messages[0].content[0].tool_use_id');
  });
});

describe('with dropParams', () => {
  let dropping: TestServer;
  beforeAll(async () => {
    dropping = await startTestServer({ server: { dropParams: true } });
  });
  afterAll(() => dropping.close());

  it('ignores Anthropic’s own tool types and names them in x-freechat-dropped-params', async () => {
    const response = await postJson(dropping, '/v1/messages', {
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [{ type: 'bash_20250124', name: 'bash' }, weather],
      mcp_servers: [{ type: 'url', url: 'https://example.com/mcp', name: 'x' }],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-freechat-dropped-params']).toBe('mcp_servers, tools[0]');
    const body = (await response.body.json()) as { content: { name: string }[] };
    expect(body.content).toMatchObject([{ type: 'tool_use', name: 'get_weather' }]);
  });

  it('names a bad tool by its place in the request, dropped tools counted', async () => {
    const response = await postJson(dropping, '/v1/messages', {
      model: 'free2gpt',
      max_tokens: 1024,
      tools: [
        { type: 'bash_20250124', name: 'bash' },
        { name: 'echo', input_schema: { type: 'string' } },
      ],
      messages: [{ role: 'user', content: 'Hi.' }],
    });
    expect(response.statusCode).toBe(400);
    const body = (await response.body.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(
      /^Invalid 'tools\[1\]\.input_schema\.type': expected 'object'/,
    );
  });
});
