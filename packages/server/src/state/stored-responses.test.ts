import {
  formatToolCalls,
  formatToolResults,
  type Message,
  TOOL_INSTRUCTION_HEADER,
} from '@freechat/core';
import { emulatedReplyText } from '@freechat/emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../test/test-redis.js';
import { fieldOf, rejection, startTestServer, type TestServer } from '../../test/test-setup.js';
import { ReplyPrompt } from '../reply/reply-prompt.js';
import { ResponsesFormat } from '../responses/responses-format.js';
import type { ResponsesEcho } from '../responses/responses-input.js';
import { ResponseRecord } from '../responses/responses-object.js';

const KEY = 'sk-owner';
const OTHER_KEY = 'sk-someone-else';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

/** The messages the emulated free2gpt site received on its last request. */
function upstreamMessages(test: TestServer): unknown {
  return (test.emulator.requests.at(-1)!.body as { messages: unknown }).messages;
}

describe.each([
  ['in process', () => ({})],
  ['in Redis', () => ({ redis: redis.url, redisTimeout: 10_000 })],
])('stored Responses, %s', (_backend, backend) => {
  let test: TestServer;
  let other: OpenAI;
  beforeAll(async () => {
    test = await startTestServer({ server: { ...backend(), apiKey: [KEY, OTHER_KEY] } });
    other = new OpenAI({ baseURL: `${test.url}/v1`, apiKey: OTHER_KEY, maxRetries: 0 });
  });
  afterAll(() => test.close());

  it('stores a Response by default: responses.retrieve reads it back', async () => {
    const created = await test.openai.responses.create({ model: 'free2gpt', input: 'Hello!' });
    expect(fieldOf(created, 'store')).toBe(true);
    expect(await test.openai.responses.retrieve(created.id)).toEqual(created);
  });

  it('stores a streamed Response before its last event', async () => {
    const stream = await test.openai.responses.create({
      model: 'free2gpt',
      input: 'Stream it',
      stream: true,
    });
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (event.type === 'response.completed') {
        completed = event.response;
        // Read while the stream is still open: stored before this event was sent.
        expect((await test.openai.responses.retrieve(completed.id)).output).toEqual(
          completed.output,
        );
      }
    }
    expect(fieldOf(completed, 'store')).toBe(true);
  });

  it('keeps nothing with store: false', async () => {
    const created = await test.openai.responses.create({
      model: 'free2gpt',
      input: 'Forget it',
      store: false,
    });
    expect(fieldOf(created, 'store')).toBe(false);
    expect((await rejection(test.openai.responses.retrieve(created.id))).status).toBe(404);
  });

  it('continues a conversation with previous_response_id: the earlier turns reach the site', async () => {
    const first = await test.openai.responses.create({
      model: 'free2gpt',
      instructions: 'Be brief.',
      input: 'One',
    });
    const second = await test.openai.responses.create({
      model: 'free2gpt',
      input: [{ role: 'user', content: 'Two' }],
      previous_response_id: first.id,
    });
    const third = await test.openai.responses.create({
      model: 'free2gpt',
      input: 'Three',
      previous_response_id: second.id,
    });
    // Instructions are not carried over, as OpenAI does: only the items.
    const conversation: Message[] = [
      { role: 'user', content: 'One' },
      { role: 'assistant', content: first.output_text },
      { role: 'user', content: 'Two' },
      { role: 'assistant', content: second.output_text },
      { role: 'user', content: 'Three' },
    ];
    expect(upstreamMessages(test)).toEqual(conversation);
    expect(third.output_text).toBe(emulatedReplyText('free2gpt', conversation));
    expect(third.previous_response_id).toBe(second.id);
  });

  it('chains function calls and their outputs through previous_response_id to the site', async () => {
    const tools: OpenAI.Responses.FunctionTool[] = [
      {
        type: 'function',
        name: 'get_weather',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
        strict: true,
      },
    ];
    const first = await test.openai.responses.create({
      model: 'free2gpt',
      input: 'Weather in Paris?',
      tools,
    });
    const call = first.output[0] as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call.type).toBe('function_call');
    const second = await test.openai.responses.create({
      model: 'free2gpt',
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }],
      previous_response_id: first.id,
      tools,
    });
    expect(second.output_text).toContain('The tool get_weather returned: "sunny".');
    const third = await test.openai.responses.create({
      model: 'free2gpt',
      input: 'Thanks!',
      previous_response_id: second.id,
      tools,
    });
    const turns = [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: formatToolCalls([
          { id: call.call_id, name: 'get_weather', arguments: JSON.parse(call.arguments) },
        ]),
      },
      {
        role: 'user',
        content: formatToolResults([
          { toolCallId: call.call_id, toolName: 'get_weather', content: 'sunny' },
        ]),
      },
      { role: 'assistant', content: second.output_text },
      { role: 'user', content: 'Thanks!' },
    ];
    const [instruction, ...conversation] = upstreamMessages(test) as Message[];
    expect(instruction!.content).toContain(TOOL_INSTRUCTION_HEADER);
    expect(conversation).toEqual(turns);
    expect(third.previous_response_id).toBe(second.id);
    const items = await test.openai.responses.inputItems.list(third.id);
    expect(items.data.map((item) => item.type)).toEqual([
      'message',
      'function_call',
      'function_call_output',
      'message',
      'message',
    ]);
    expect(items.data[1]).toEqual(call);
  });

  it('lists input items: earlier turns then its own, with limit, order and after', async () => {
    const first = await test.openai.responses.create({ model: 'free2gpt', input: 'A' });
    const second = await test.openai.responses.create({
      model: 'free2gpt',
      input: [
        { role: 'user', content: 'B' },
        { role: 'user', content: [{ type: 'input_text', text: 'C' }] },
      ],
      previous_response_id: first.id,
    });
    const all = await test.openai.responses.inputItems.list(second.id);
    const texts = all.data.map((item) => {
      const content = (item as { content: { text: string }[] }).content;
      return content.map((part) => part.text).join('');
    });
    expect(texts).toEqual(['A', first.output_text, 'B', 'C']);
    expect(all.data[1]!.id).toBe(first.output[0]!.id);
    const page = await test.openai.responses.inputItems.list(second.id, {
      limit: 2,
      order: 'desc',
    });
    expect(page.data.map((item) => item.id)).toEqual([all.data[3]!.id, all.data[2]!.id]);
    expect(page.has_more).toBe(true);
    const raw = await fetch(
      `${test.url}/v1/responses/${second.id}/input_items?limit=2&after=${all.data[1]!.id}`,
      { headers: { authorization: `Bearer ${KEY}` } },
    );
    expect(await raw.json()).toEqual({
      object: 'list',
      data: all.data.slice(2, 4),
      first_id: all.data[2]!.id,
      last_id: all.data[3]!.id,
      has_more: false,
    });
  });

  it('keeps input items as they came, whatever their fields, and gives each an id', async () => {
    const created = await test.openai.responses.create({
      model: 'free2gpt',
      // An id of the caller's own is not in the client's input types, but the API takes it.
      input: [
        { type: 'message', role: 'user', content: 'Kept', id: 'msg_mine' },
      ] as unknown as OpenAI.Responses.ResponseInput,
    });
    const items = await test.openai.responses.inputItems.list(created.id);
    expect(items.data).toEqual([
      {
        id: 'msg_mine',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'Kept' }],
      },
    ]);
  });

  it('deletes a Response: DELETE answers {id, object, deleted}, then it is gone', async () => {
    const created = await test.openai.responses.create({ model: 'free2gpt', input: 'Bye' });
    const deleted = await fetch(`${test.url}/v1/responses/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(await deleted.json()).toEqual({ id: created.id, object: 'response', deleted: true });
    expect((await rejection(test.openai.responses.retrieve(created.id))).status).toBe(404);
    await test.openai.responses.create({ model: 'free2gpt', input: 'Again' });
    const again = await test.openai.responses.create({ model: 'free2gpt', input: 'x' });
    await test.openai.responses.delete(again.id);
    expect((await rejection(test.openai.responses.delete(again.id))).status).toBe(404);
  });

  it('shows a Response only to the key that created it: another key gets a 404', async () => {
    const created = await test.openai.responses.create({ model: 'free2gpt', input: 'Mine' });
    expect((await rejection(other.responses.retrieve(created.id))).status).toBe(404);
    expect((await rejection(other.responses.delete(created.id))).status).toBe(404);
    expect((await rejection(other.responses.inputItems.list(created.id))).status).toBe(404);
    const continued = await rejection(
      other.responses.create({ model: 'free2gpt', input: 'Hi', previous_response_id: created.id }),
    );
    expect(continued.status).toBe(400);
    expect(continued.error).toMatchObject({
      code: 'previous_response_not_found',
      param: 'previous_response_id',
    });
    // Still there for its owner.
    expect((await test.openai.responses.retrieve(created.id)).id).toBe(created.id);
  });

  it('refuses a bad input_items query with a 400 naming the parameter', async () => {
    const created = await test.openai.responses.create({ model: 'free2gpt', input: 'Q' });
    for (const [query, param] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=two', 'limit'],
      ['order=up', 'order'],
      ['after=msg_nowhere', 'after'],
    ]) {
      const response = await fetch(`${test.url}/v1/responses/${created.id}/input_items?${query}`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { param: string } }).error.param).toBe(param);
    }
  });
});

describe('a Response is stored before its end is sent', () => {
  const echo: ResponsesEcho = {
    instructions: null,
    temperature: 1,
    top_p: 1,
    metadata: {},
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    max_output_tokens: null,
    previous_response_id: null,
    store: true,
  };
  const prompt = new ReplyPrompt({ messages: [{ role: 'user', content: 'Hello' }] });

  for (const end of ['body', 'tail'] as const) {
    it(`${end === 'body' ? 'the body' : "a stream's closing events"} wait for the store`, async () => {
      let stored!: () => void;
      const storing = new Promise<void>((resolve) => {
        stored = resolve;
      });
      const saved: Record<string, unknown>[] = [];
      const format = new ResponsesFormat(
        new ResponseRecord('free2gpt', prompt, echo),
        (response) => {
          saved.push(response);
          return storing;
        },
      );
      let sent = false;
      const ending = (
        end === 'body'
          ? format.body({ text: 'Hi', toolCalls: [], pieces: ['Hi'] }, 'stop', undefined, 2)
          : format.tail('stop', undefined, 2)
      ) as Promise<unknown>;
      const over = ending.then(() => {
        sent = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(saved).toHaveLength(1);
      expect(sent).toBe(false);
      stored();
      await over;
      expect(sent).toBe(true);
    });
  }
});
