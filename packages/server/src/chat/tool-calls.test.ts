import { buildToolPrompt, TOOL_INSTRUCTION_HEADER, type ToolDefinition } from '@freechat/core';
import { emulatedReplyText, toolCallText } from '@freechat/emulator';
import type OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectValidChat,
  type ParsedChunk,
  parseChatStream,
  streamedToolCalls,
} from '../../test/test-chat-validator.js';
import { rejection, startTestServer, type TestServer } from '../../test/test-setup.js';
import { ONE_CALL_INSTRUCTION } from '../reply/reply-prompt.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ providers: { maxRetries: 0 } });
});
afterAll(() => test.close());

const weather = {
  name: 'get_weather',
  description: 'The current weather in a city.',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
} satisfies ToolDefinition;
const time = {
  name: 'get_time',
  description: 'The time in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
} satisfies ToolDefinition;
const tools: OpenAI.ChatCompletionTool[] = [weather, time].map((definition) => ({
  type: 'function',
  function: definition,
}));
const question = 'What is the weather in Paris?';
const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: question }];

/** Posts a JSON body to `/v1/chat/completions`. */
function post(body: Record<string, unknown>) {
  return request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'free2gpt', ...body }),
  });
}

/** The messages the emulated site received on its last request. */
function upstreamMessages(): { role: string; content: string }[] {
  return (test.emulator.requests.at(-1)!.body as { messages: { role: string; content: string }[] })
    .messages;
}

describe('a reply that calls a tool', () => {
  it('non-streaming: message.tool_calls, content null, finish_reason "tool_calls", a valid body', async () => {
    const response = await post({ messages: ask, tools });
    expect(response.statusCode).toBe(200);
    const body = (await response.body.json()) as OpenAI.ChatCompletion;
    expectValidChat('ChatCompletion', body);
    const [choice] = body.choices;
    expect(choice!.finish_reason).toBe('tool_calls');
    expect(choice!.message.content).toBeNull();
    const [call] = choice!.message.tool_calls as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(call!.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    // The emulator's tool model fills a required string with the question.
    expect(JSON.parse(call!.function.arguments)).toEqual({ city: question });
    expect(upstreamMessages()[0]!.content).toContain(TOOL_INSTRUCTION_HEADER);
  });

  it('streaming: the call in delta.tool_calls (id, type and name first, then the arguments)', async () => {
    const response = await post({ messages: ask, tools, stream: true });
    expect(response.statusCode).toBe(200);
    const chunks = parseChatStream(await response.body.text());
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    const [call] = streamedToolCalls(chunks);
    expect(call!.function.name).toBe('get_weather');
    expect(JSON.parse(call!.function.arguments)).toEqual({ city: question });
    expect(chunks.at(-1)!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
  });

  it('keeps the text the model wrote before its call, streamed and not', async () => {
    const text = toolCallText([{ name: 'get_time', arguments: { city: 'Oslo' } }], {
      before: 'Let me look that up.\n',
    });
    test.emulator.scenario('free2gpt', { text, chunkSize: 7 }, { text, chunkSize: 7 });
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      tools,
    });
    const message = completion.choices[0]!.message;
    expect(message.content).toBe('Let me look that up.\n');
    expect(message.tool_calls).toMatchObject([
      { type: 'function', function: { name: 'get_time', arguments: '{"city":"Oslo"}' } },
    ]);
    const response = await post({ messages: ask, tools, stream: true });
    const chunks = parseChatStream(await response.body.text());
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe('Let me look that up.\n');
    expect(streamedToolCalls(chunks).map((call) => call.function)).toEqual([
      { name: 'get_time', arguments: '{"city":"Oslo"}' },
    ]);
  });

  it('gives several calls their own index, in order, when parallel calls are allowed', async () => {
    const text = toolCallText([
      { name: 'get_weather', arguments: { city: 'Oslo' } },
      { name: 'get_time', arguments: { city: 'Lima' } },
    ]);
    test.emulator.scenario('free2gpt', { text, chunkSize: 5 });
    const response = await post({ messages: ask, tools, stream: true });
    const calls = streamedToolCalls(parseChatStream(await response.body.text()));
    expect(calls.map((call) => call.function)).toEqual([
      { name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { name: 'get_time', arguments: '{"city":"Lima"}' },
    ]);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
  });

  it('parallel_tool_calls false: asks for one call, and passes on only the first', async () => {
    const text = toolCallText([
      { name: 'get_weather', arguments: { city: 'Oslo' } },
      { name: 'get_time', arguments: { city: 'Lima' } },
    ]);
    test.emulator.scenario('free2gpt', { text }, { text });
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      tools,
      parallel_tool_calls: false,
    });
    expect(completion.choices[0]!.message.tool_calls).toMatchObject([
      { function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
    ]);
    expect(upstreamMessages()[0]!.content).toMatch(
      new RegExp(`^${ONE_CALL_INSTRUCTION}\\n\\n${TOOL_INSTRUCTION_HEADER}`),
    );
    const response = await post({ messages: ask, tools, stream: true, parallel_tool_calls: false });
    const calls = streamedToolCalls(parseChatStream(await response.body.text()));
    expect(calls.map((call) => call.function.name)).toEqual(['get_weather']);
  });

  it('counts the tool instruction in prompt_tokens and the call in completion_tokens', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      tools: [tools[0]!],
    });
    const prompt = buildToolPrompt({
      messages: [{ role: 'user', content: question }],
      tools: [weather],
    });
    const promptCharacters = prompt.reduce((sum, message) => sum + message.content.length, 0);
    const call = completion.choices[0]!.message
      .tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    const callCharacters = call.function.name.length + call.function.arguments.length;
    expect(completion.usage).toEqual({
      prompt_tokens: Math.ceil(promptCharacters / 4),
      completion_tokens: Math.ceil(callCharacters / 4),
      total_tokens: Math.ceil(promptCharacters / 4) + Math.ceil(callCharacters / 4),
    });
  });

  it('accepts strict in a function definition', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      tools: [{ type: 'function', function: { ...weather, strict: true } }],
    });
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
  });
});

describe('the conversation with tool calls and results', () => {
  it('a two-turn loop with the official client: call, run the tool here, send its result, get prose', async () => {
    const first = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      tools,
    });
    const message = first.choices[0]!.message;
    const call = message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    const { city } = JSON.parse(call.function.arguments) as { city: string };
    const result = JSON.stringify({ city, temperature: 21 });
    const second = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: [...ask, message, { role: 'tool', tool_call_id: call.id, content: result }],
      tools,
    });
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(second.choices[0]!.message.content).toContain(
      `The tool get_weather returned: "${result}".`,
    );
    // The site saw the call in the instruction's format and the result as a tool_result element.
    const sent = upstreamMessages();
    expect(sent.at(-2)).toEqual({
      role: 'assistant',
      content: `\`\`\`json\n${JSON.stringify({ tool_calls: [{ id: call.id, name: 'get_weather', arguments: { city } }] })}\n\`\`\``,
    });
    expect(sent.at(-1)).toEqual({
      role: 'user',
      content: `<tool_result id="${call.id}" name="get_weather">\n${result}\n</tool_result>`,
    });
  });

  it('runTools: the official client runs the tool and gets the final answer', async () => {
    const runner = test.openai.chat.completions.runTools({
      model: 'free2gpt',
      messages: ask,
      tools: [
        {
          type: 'function',
          function: {
            ...weather,
            parse: JSON.parse,
            function: ({ city }: { city: string }) => ({ city, sky: 'clear' }),
          },
        },
      ],
    });
    const answer = await runner.finalContent();
    expect(answer).toContain(`"sky":"clear"`);
    expect(runner.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
    ]);
  });

  it('reads tool results given as text parts, and an assistant turn with content null', async () => {
    await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: [
        ...ask,
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        {
          role: 'tool',
          tool_call_id: 'call_1',
          content: [
            { type: 'text', text: 'sunny, ' },
            { type: 'text', text: '21 °C' },
          ],
        },
      ],
      tools,
    });
    expect(upstreamMessages().at(-1)!.content).toBe(
      '<tool_result id="call_1" name="get_weather">\nsunny, 21 °C\n</tool_result>',
    );
  });

  it('tool_choice "none" sends no tool text to the site, and the reply is plain text', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      tools,
      tool_choice: 'none',
    });
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    const sent = upstreamMessages();
    expect(sent).toEqual([{ role: 'user', content: question }]);
    expect(completion.choices[0]!.message.content).toBe(
      emulatedReplyText('free2gpt', [{ role: 'user', content: question }]),
    );
  });
});

describe('tool_choice', () => {
  it('a named function: the instruction lists only it, and the call is of it', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      tools,
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    const call = completion.choices[0]!.message
      .tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_time');
    const instruction = upstreamMessages()[0]!.content;
    expect(instruction).toContain('"name":"get_time"');
    expect(instruction).not.toContain('"name":"get_weather"');
  });

  it('"required": a reply without a call is asked again once, and the call passes', async () => {
    test.emulator.reset();
    const call = toolCallText([{ name: 'get_time', arguments: { city: 'Rome' } }]);
    test.emulator.scenario('free2gpt', { text: 'I would rather chat.' }, { text: call });
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      tools,
      tool_choice: 'required',
    });
    expect(completion.choices[0]!.message.tool_calls).toMatchObject([
      { function: { name: 'get_time', arguments: '{"city":"Rome"}' } },
    ]);
    expect(test.emulator.requests).toHaveLength(2);
  });

  it('"required" with no valid call after the retry: 502 tool_call_failed', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { text: 'No.' }, { text: 'Still no.' });
    const error = await rejection(
      test.openai.chat.completions.create({
        model: 'free2gpt',
        messages: ask,
        tools,
        tool_choice: 'required',
      }),
    );
    expect(error.status).toBe(502);
    expect(error.error).toMatchObject({
      type: 'upstream_error',
      code: 'tool_call_failed',
      message: expect.stringContaining('called no tool'),
    });
    expect(test.emulator.requests).toHaveLength(2);
  });

  it('"required" in a stream: the last reply’s text, then an error event tool_call_failed', async () => {
    test.emulator.reset();
    const invalid = toolCallText([{ name: 'get_time', arguments: { city: 7 } }]);
    test.emulator.scenario('free2gpt', { text: invalid }, { text: invalid });
    const response = await post({ messages: ask, tools, stream: true, tool_choice: 'required' });
    expect(response.statusCode).toBe(200);
    const events = (await response.body.text()).trimEnd().split('\n\n');
    expect(events.pop()).toBe('data: [DONE]');
    const failure = JSON.parse(events.pop()!.slice('data: '.length)) as {
      error: { code: string; message: string };
    };
    expect(failure.error).toMatchObject({ code: 'tool_call_failed', type: 'upstream_error' });
    expect(failure.error.message).toContain('made no valid tool call');
    // On the last attempt core gives the refused call as the text the model wrote.
    const chunks = events.map((event) => JSON.parse(event.slice('data: '.length)) as ParsedChunk);
    for (const chunk of chunks) expectValidChat('ChatCompletionChunk', chunk);
    expect(chunks.map((chunk) => chunk.choices[0]!.delta.content ?? '').join('')).toBe(invalid);
    expect(test.emulator.requests).toHaveLength(2);
  });
});

describe('the deprecated functions and function_call', () => {
  const functions = [weather];

  it('answer with message.function_call and finish_reason "function_call"', async () => {
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: ask,
      functions,
    });
    expectValidChat('ChatCompletion', completion);
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'function_call',
      message: { content: null, function_call: { name: 'get_weather' } },
    });
    expect(completion.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('one function_call per reply: asked for one, and only the first given', async () => {
    const text = toolCallText([
      { name: 'get_weather', arguments: { city: 'Oslo' } },
      { name: 'get_weather', arguments: { city: 'Lima' } },
    ]);
    test.emulator.scenario('free2gpt', { text });
    const response = await post({ messages: ask, functions, stream: true });
    const chunks = parseChatStream(await response.body.text());
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.function_call ?? []);
    expect(deltas).toEqual([
      { name: 'get_weather', arguments: '' },
      { arguments: '{"city":"Oslo"}' },
    ]);
    expect(upstreamMessages()[0]!.content.startsWith(ONE_CALL_INSTRUCTION)).toBe(true);
  });

  it('stream delta.function_call, and read function results back', async () => {
    const response = await post({ messages: ask, functions, stream: true });
    const chunks = parseChatStream(await response.body.text());
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.function_call ?? []);
    expect(deltas[0]).toEqual({ name: 'get_weather', arguments: '' });
    const args = deltas.map((delta) => delta.arguments ?? '').join('');
    expect(JSON.parse(args)).toEqual({ city: question });
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('function_call');
    const answer = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: [
        ...ask,
        {
          role: 'assistant',
          content: null,
          function_call: { name: 'get_weather', arguments: args },
        },
        { role: 'function', name: 'get_weather', content: 'rain' },
      ],
      functions,
    });
    expect(answer.choices[0]!.message.content).toContain('The tool get_weather returned: "rain".');
    expect(upstreamMessages().at(-1)!.content).toBe(
      '<tool_result id="call_fn_1" name="get_weather">\nrain\n</tool_result>',
    );
  });
});

describe('bad tool input: a 400 naming the field, before any traffic', () => {
  const call = (name: string, args: string) => ({
    id: 'call_1',
    type: 'function',
    function: { name, arguments: args },
  });
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'a tool name with a space',
      { tools: [{ type: 'function', function: { name: 'get weather' } }] },
      'tools[0].function.name',
    ],
    ['two tools of one name', { tools: [tools[0], tools[0]] }, 'tools[1].function.name'],
    [
      'parameters that are no object schema',
      { tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'string' } } }] },
      'tools[0].function.parameters.type',
    ],
    [
      'parameters whose schema cannot be compiled',
      {
        tools: [
          { type: 'function', function: { name: 'f', parameters: { $ref: '#/definitions/none' } } },
        ],
      },
      'tools[0].function.parameters',
    ],
    [
      'a function tool without its function',
      { tools: [{ type: 'function' }] },
      'tools[0].function',
    ],
    ['a custom tool', { tools: [{ type: 'custom', custom: { name: 'g' } }] }, 'tools[0].type'],
    [
      'a choice naming a function that is not among the tools',
      { tools, tool_choice: { type: 'function', function: { name: 'nowhere' } } },
      'tool_choice.function.name',
    ],
    ['"required" without tools', { tool_choice: 'required' }, 'tool_choice'],
    ['an unknown choice', { tools, tool_choice: 'always' }, 'tool_choice'],
    ['tools and functions together', { tools, functions: [weather] }, 'functions'],
    [
      'a tool result whose call is not in the conversation',
      { messages: [...ask, { role: 'tool', tool_call_id: 'call_9', content: 'x' }] },
      'messages[1].tool_call_id',
    ],
    [
      'a tool result without its tool_call_id',
      { messages: [...ask, { role: 'tool', content: 'x' }] },
      'messages[1].tool_call_id',
    ],
    [
      'arguments in the history that are no JSON object',
      {
        messages: [
          ...ask,
          { role: 'assistant', content: null, tool_calls: [call('get_weather', '[1]')] },
          { role: 'tool', tool_call_id: 'call_1', content: 'x' },
        ],
      },
      'messages[1].tool_calls[0].function.arguments',
    ],
    [
      'a function result without an earlier function_call',
      { messages: [...ask, { role: 'function', name: 'get_weather', content: 'x' }] },
      'messages[1].name',
    ],
    [
      'a conversation that ends with the assistant’s calls',
      {
        messages: [
          ...ask,
          { role: 'assistant', content: null, tool_calls: [call('get_weather', '{}')] },
        ],
        tools,
      },
      'messages[1].role',
    ],
  ];
  it.each(cases)('%s → %s', async (_name, body, param) => {
    test.emulator.reset();
    const response = await post({ messages: ask, ...body });
    expect(response.statusCode).toBe(400);
    const { error } = (await response.body.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ type: 'invalid_request_error', param });
    expect(error.message).toEqual(expect.any(String));
    expect(test.emulator.requests).toHaveLength(0);
  });
});
