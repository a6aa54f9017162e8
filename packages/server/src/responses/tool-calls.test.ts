import { TOOL_INSTRUCTION_HEADER } from '@freechat/core';
import { toolCallText } from '@freechat/emulator';
import type OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectValid,
  parseResponsesStream,
  type ResponsesEvent,
} from '../../test/test-responses-validator.js';
import { rejection, startTestServer, type TestServer } from '../../test/test-setup.js';
import { ONE_CALL_INSTRUCTION } from '../reply/reply-prompt.js';

let test: TestServer;
let dropping: TestServer;
beforeAll(async () => {
  [test, dropping] = await Promise.all([
    startTestServer({ providers: { maxRetries: 0 } }),
    startTestServer({ server: { dropParams: true }, providers: { maxRetries: 0 } }),
  ]);
});
afterAll(() => Promise.all([test.close(), dropping.close()]));

const weather = {
  type: 'function',
  name: 'get_weather',
  description: 'The current weather in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: true,
} satisfies OpenAI.Responses.FunctionTool;
const time = {
  type: 'function',
  name: 'get_time',
  description: 'The time in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: null,
} satisfies OpenAI.Responses.FunctionTool;
const tools = [weather, time];
const question = 'What is the weather in Paris?';

/** Posts a JSON body to `/v1/responses` of `server`. */
function post(body: Record<string, unknown>, server = test) {
  return request(`${server.url}/v1/responses`, {
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

/** The event types of a stream, in order. */
function types(events: readonly ResponsesEvent[]): string[] {
  return events.map((event) => event.event);
}

describe('a Response that calls a function', () => {
  it('not streamed: a function_call output item, the tools and the choice echoed, a valid Response', async () => {
    const response = await post({ input: question, tools, tool_choice: 'auto' });
    expect(response.statusCode).toBe(200);
    const body = (await response.body.json()) as OpenAI.Responses.Response;
    expectValid('Response', body);
    expect(body.status).toBe('completed');
    const [item] = body.output as OpenAI.Responses.ResponseFunctionToolCall[];
    expect(body.output).toHaveLength(1);
    expect(item).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      status: 'completed',
    });
    expect(item!.id).toMatch(/^fc_/);
    expect(item!.call_id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(JSON.parse(item!.arguments)).toEqual({ city: question });
    expect(body.tools).toEqual([weather, { ...time, strict: true }]);
    expect(body.tool_choice).toBe('auto');
    expect(upstreamMessages()[0]!.content).toContain(TOOL_INSTRUCTION_HEADER);
  });

  it('streamed: the item added with empty arguments, the arguments delta and done, the item done', async () => {
    const response = await post({ input: question, tools, stream: true });
    const events = parseResponsesStream(await response.body.text());
    expect(types(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const added = events[2]!.data;
    const item = added.item as OpenAI.Responses.ResponseFunctionToolCall;
    expect(added.output_index).toBe(0);
    expect(item).toMatchObject({ type: 'function_call', arguments: '', status: 'in_progress' });
    const args = JSON.stringify({ city: question });
    expect(events[3]!.data).toMatchObject({ item_id: item.id, output_index: 0, delta: args });
    expect(events[4]!.data).toMatchObject({ item_id: item.id, output_index: 0, arguments: args });
    expect(events[5]!.data.item).toEqual({ ...item, arguments: args, status: 'completed' });
    const completed = events[6]!.data.response as OpenAI.Responses.Response;
    expect(completed.output).toEqual([events[5]!.data.item]);
  });

  it('streamed after text: the message item at 0 closes before the call at 1', async () => {
    const text = toolCallText([{ name: 'get_time', arguments: { city: 'Oslo' } }], {
      before: 'Checking.\n',
    });
    test.emulator.scenario('free2gpt', { text, chunkSize: 4 });
    const response = await post({ input: question, tools, stream: true });
    const events = parseResponsesStream(await response.body.text());
    const deltas = events.findIndex((event) => event.event === 'response.output_text.delta');
    expect(types(events).slice(0, deltas)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types(events).slice(-7)).toEqual([
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const output = (events.at(-1)!.data.response as OpenAI.Responses.Response).output;
    expect(output).toMatchObject([
      { type: 'message', status: 'completed', content: [{ text: 'Checking.\n' }] },
      { type: 'function_call', name: 'get_time', arguments: '{"city":"Oslo"}' },
    ]);
    for (const event of events.filter((each) => 'item_id' in each.data)) {
      expect(event.data.item_id).toBe(output[event.data.output_index as number]!.id);
    }
  });

  it('the official client streams it too', async () => {
    const stream = await test.openai.responses.create({
      model: 'free2gpt',
      input: question,
      tools,
      stream: true,
    });
    let args = '';
    let final: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') args += event.delta;
      if (event.type === 'response.completed') final = event.response;
    }
    expect(JSON.parse(args)).toEqual({ city: question });
    expect(final!.output[0]).toMatchObject({ type: 'function_call', arguments: args });
  });

  it('parallel_tool_calls false: asks for one call, and keeps only the first', async () => {
    const text = toolCallText([
      { name: 'get_weather', arguments: { city: 'Oslo' } },
      { name: 'get_time', arguments: { city: 'Lima' } },
    ]);
    test.emulator.scenario('free2gpt', { text });
    const response = await test.openai.responses.create({
      model: 'free2gpt',
      input: question,
      tools,
      parallel_tool_calls: false,
    });
    expect(response.parallel_tool_calls).toBe(false);
    expect(response.output).toMatchObject([{ type: 'function_call', name: 'get_weather' }]);
    expect(upstreamMessages()[0]!.content.startsWith(ONE_CALL_INSTRUCTION)).toBe(true);
  });

  it('a named function choice: echoed, and the call is of it', async () => {
    const response = await post({
      input: question,
      tools,
      tool_choice: { type: 'function', name: 'get_time' },
    });
    const body = (await response.body.json()) as OpenAI.Responses.Response;
    expectValid('Response', body);
    expect(body.tool_choice).toEqual({ type: 'function', name: 'get_time' });
    expect(body.output).toMatchObject([{ type: 'function_call', name: 'get_time' }]);
  });

  it('tool_choice "none" sends no tool text to the site', async () => {
    const response = await test.openai.responses.create({
      model: 'free2gpt',
      input: question,
      tools,
      tool_choice: 'none',
    });
    expect(response.output).toMatchObject([{ type: 'message' }]);
    expect(upstreamMessages()).toEqual([{ role: 'user', content: question }]);
  });

  it('"required" with no valid call after the retry: 502 tool_call_failed', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { text: 'No.' }, { text: 'No again.' });
    const error = await rejection(
      test.openai.responses.create({
        model: 'free2gpt',
        input: question,
        tools,
        tool_choice: 'required',
      }),
    );
    expect(error.status).toBe(502);
    expect(error.error).toMatchObject({ type: 'upstream_error', code: 'tool_call_failed' });
    expectValid('Error', error.error);
    expect(test.emulator.requests).toHaveLength(2);
  });
});

describe('function calls and their outputs as input', () => {
  it('a two-turn loop: the call echoed back with its output gets prose that quotes it', async () => {
    const first = await test.openai.responses.create({
      model: 'free2gpt',
      input: question,
      tools,
      store: false,
    });
    const call = first.output[0] as OpenAI.Responses.ResponseFunctionToolCall;
    const { city } = JSON.parse(call.arguments) as { city: string };
    const output = JSON.stringify({ city, temperature: 21 });
    const second = await test.openai.responses.create({
      model: 'free2gpt',
      input: [
        { role: 'user', content: question },
        call,
        { type: 'function_call_output', call_id: call.call_id, output },
      ],
      tools,
      store: false,
    });
    expect(second.output_text).toContain(`The tool get_weather returned: "${output}".`);
    const sent = upstreamMessages();
    expect(sent.at(-2)).toEqual({
      role: 'assistant',
      content: `\`\`\`json\n${JSON.stringify({ tool_calls: [{ id: call.call_id, name: 'get_weather', arguments: { city } }] })}\n\`\`\``,
    });
    expect(sent.at(-1)).toEqual({
      role: 'user',
      content: `<tool_result id="${call.call_id}" name="get_weather">\n${output}\n</tool_result>`,
    });
  });

  it('joins function calls to the assistant message right before them, and reads text-part outputs', async () => {
    await test.openai.responses.create({
      model: 'free2gpt',
      input: [
        { role: 'user', content: question },
        { role: 'assistant', content: 'Two lookups.' },
        {
          type: 'function_call',
          call_id: 'call_a',
          name: 'get_weather',
          arguments: '{"city":"A"}',
        },
        { type: 'function_call', call_id: 'call_b', name: 'get_time', arguments: '' },
        { type: 'function_call_output', call_id: 'call_a', output: 'sunny' },
        {
          type: 'function_call_output',
          call_id: 'call_b',
          output: [{ type: 'input_text', text: 'noon' }],
        },
      ],
      tools,
    });
    const sent = upstreamMessages();
    expect(sent.at(-2)).toEqual({
      role: 'assistant',
      content: `Two lookups.\n\n\`\`\`json\n${JSON.stringify({
        tool_calls: [
          { id: 'call_a', name: 'get_weather', arguments: { city: 'A' } },
          { id: 'call_b', name: 'get_time', arguments: {} },
        ],
      })}\n\`\`\``,
    });
    expect(sent.at(-1)!.content).toBe(
      '<tool_result id="call_a" name="get_weather">\nsunny\n</tool_result>\n\n' +
        '<tool_result id="call_b" name="get_time">\nnoon\n</tool_result>',
    );
  });

  it('takes a request shaped like Codex CLI’s: streamed, not stored, many function tools', async () => {
    const codexTools = Array.from({ length: 9 }, (_, index) => ({
      type: 'function',
      name: index === 0 ? 'exec_command' : `tool_${index}`,
      description: `Tool ${index}.`,
      strict: false,
      parameters: {
        type: 'object',
        properties: { cmd: { type: 'string' } },
        required: ['cmd'],
        additionalProperties: false,
      },
    }));
    const response = await post({
      instructions: 'You are a coding agent.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'List files' }] },
      ],
      tools: codexTools,
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: { effort: 'medium' },
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      prompt_cache_key: 'session-1',
    });
    expect(response.statusCode).toBe(200);
    const events = parseResponsesStream(await response.body.text());
    const done = events.find((event) => event.event === 'response.output_item.done')!;
    expect(done.data.item).toMatchObject({
      type: 'function_call',
      name: 'exec_command',
      arguments: '{"cmd":"List files"}',
    });
  });
});

describe('tools the server cannot serve, and bad tool input', () => {
  it('a web_search tool is a 400 naming it; with dropParams it is left out and named in the header', async () => {
    const body = { input: question, tools: [weather, { type: 'web_search' }] };
    const refused = await post(body);
    expect(refused.statusCode).toBe(400);
    expect(((await refused.body.json()) as { error: { param: string } }).error.param).toBe(
      'tools[1].type',
    );
    const served = await post(body, dropping);
    expect(served.statusCode).toBe(200);
    expect(served.headers['x-freechat-dropped-params']).toBe('tools[1].type');
    const response = (await served.body.json()) as OpenAI.Responses.Response;
    expect(response.tools).toEqual([weather]);
  });

  it('names a bad function tool by its place among all the tools, those left out counted', async () => {
    const response = await post(
      { input: question, tools: [{ type: 'web_search' }, { ...weather, name: 'a b' }] },
      dropping,
    );
    expect(response.statusCode).toBe(400);
    expect(((await response.body.json()) as { error: { param: string } }).error.param).toBe(
      'tools[1].name',
    );
  });

  it.each([
    ['a tool without a name', { tools: [{ type: 'function' }] }, 'tools[0].name'],
    [
      'parameters that are no object schema',
      { tools: [{ ...weather, parameters: { type: 'array' } }] },
      'tools[0].parameters.type',
    ],
    [
      'a choice naming a function that is not among the tools',
      { tools, tool_choice: { type: 'function', name: 'nowhere' } },
      'tool_choice.name',
    ],
    ['a hosted tool choice', { tools, tool_choice: { type: 'web_search' } }, 'tool_choice'],
    [
      'an output whose call is in neither the input nor the stored turns',
      { input: [{ type: 'function_call_output', call_id: 'call_x', output: 'x' }] },
      'input[0].call_id',
    ],
    [
      'a function call without its call_id',
      {
        input: [
          { role: 'user', content: 'Hi' },
          { type: 'function_call', name: 'get_weather', arguments: '{}' },
        ],
      },
      'input[1].call_id',
    ],
    [
      'a function call whose arguments are no JSON object',
      {
        input: [
          { role: 'user', content: 'Hi' },
          { type: 'function_call', call_id: 'c', name: 'get_weather', arguments: '"x"' },
          { type: 'function_call_output', call_id: 'c', output: 'x' },
        ],
      },
      'input[1].arguments',
    ],
    [
      'an input that ends with a function call',
      {
        input: [
          { role: 'user', content: 'Hi' },
          { type: 'function_call', call_id: 'c', name: 'get_weather', arguments: '{}' },
        ],
      },
      'input[1].type',
    ],
  ])('%s → 400 naming %s, before any traffic', async (_name, body, param) => {
    test.emulator.reset();
    const response = await post({ input: question, ...body });
    expect(response.statusCode).toBe(400);
    const error = await response.body.json();
    expectValid('ErrorResponse', error);
    expect(error).toMatchObject({ error: { type: 'invalid_request_error', param } });
    expect(test.emulator.requests).toHaveLength(0);
  });
});
