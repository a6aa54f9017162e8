import {
  buildToolPrompt,
  createProvider,
  defineSite,
  formatPrompt,
  type Message,
  type Provider,
  SITE_TEMPLATES,
  streamToolParts,
  type ToolDefinition,
  type ToolStreamPart,
  type TranscriptMessage,
} from '@freechat/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GPROCHAT_SECRET } from '../sites/site-profile.js';
import { type Emulator, startEmulator } from '../start-emulator.js';
import { emulatedReplyText } from './emulated-reply.js';
import { TOOL_CALL_SHAPES, toolCallText } from './scripted-tool-call.js';
import { toolModelReply } from './tool-model.js';

const WEATHER: ToolDefinition = {
  name: 'get_weather',
  description: 'The weather in a city.',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      note: { type: 'string' },
    },
    required: ['city', 'unit'],
  },
};
const TIME: ToolDefinition = { name: 'get_time' };
const TOOLS = [WEATHER, TIME];
const QUESTION = 'Weather in Paris?';
const USER: Message = { role: 'user', content: QUESTION };
const WEATHER_CALL =
  '```json\n{"tool_calls":[{"name":"get_weather","arguments":{"city":"Weather in Paris?","unit":"celsius"}}]}\n```';

/** The texts of a conversation sent with the tool prompt, as a chatgpt-demo site receives them. */
function promptTexts(
  messages: TranscriptMessage[],
  tools = TOOLS,
  toolChoice?: 'required',
): string[] {
  return buildToolPrompt({ messages, tools, toolChoice }).map((message) => message.content);
}

describe('the tool model', () => {
  it('leaves a conversation without the tool instruction to the default reply', () => {
    expect(toolModelReply([QUESTION], QUESTION)).toBeUndefined();
  });

  it("calls the first tool, its required arguments from the schema and the question, in the prompt's format", () => {
    expect(toolModelReply(promptTexts([USER]), QUESTION)).toBe(WEATHER_CALL);
  });

  it('calls the tool the question names, or the one the choice names', () => {
    const asked = 'Tell me get_time please';
    expect(toolModelReply(promptTexts([{ role: 'user', content: asked }]), asked)).toBe(
      '```json\n{"tool_calls":[{"name":"get_time","arguments":{}}]}\n```',
    );
    const named = buildToolPrompt({
      messages: [USER],
      tools: TOOLS,
      toolChoice: { type: 'tool', name: 'get_time' },
    });
    expect(toolModelReply([named[0]!.content], QUESTION)).toBe(
      '```json\n{"tool_calls":[{"name":"get_time","arguments":{}}]}\n```',
    );
  });

  it('fills every kind of schema: numbers within bounds, booleans, consts, arrays, nested objects', () => {
    const tool: ToolDefinition = {
      name: 'book',
      parameters: {
        type: 'object',
        properties: {
          nights: { type: 'integer', minimum: 2 },
          budget: { type: 'number', exclusiveMinimum: 5, maximum: 9 },
          cap: { type: 'number', maximum: 0.5 },
          breakfast: { type: 'boolean' },
          kind: { const: 'hotel' },
          tags: { type: 'array', items: { type: 'string', maxLength: 3 } },
          guest: {
            type: 'object',
            properties: { name: { type: 'string', minLength: 6 }, age: { type: 'integer' } },
            required: ['name'],
          },
          maybe: { type: ['null', 'boolean'] },
          either: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
          optional: { type: 'string' },
        },
        required: [
          'nights',
          'budget',
          'cap',
          'breakfast',
          'kind',
          'tags',
          'guest',
          'maybe',
          'either',
        ],
      },
    };
    const reply = toolModelReply(promptTexts([{ role: 'user', content: 'Bob' }], [tool]), 'Bob');
    expect(reply).toBe(
      '```json\n{"tool_calls":[{"name":"book","arguments":{"nights":2,"budget":6,"cap":0,"breakfast":true,' +
        '"kind":"hotel","tags":["Bob"],"guest":{"name":"Bob..."},"maybe":true,"either":1}}]}\n```',
    );
  });

  it('answers tool results in prose that quotes each one', () => {
    const transcript: TranscriptMessage[] = [
      USER,
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: {} }],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: 'Sunny, 21 °C' },
      {
        role: 'tool',
        toolCallId: 'call_2',
        toolName: 'get_time',
        content: 'no clock',
        isError: true,
      },
    ];
    const texts = promptTexts(transcript);
    expect(toolModelReply(texts, texts.at(-1)!)).toBe(
      'The tool get_weather returned: "Sunny, 21 °C". The tool get_time failed: "no clock". ' +
        '(Emulated: no model was asked.)',
    );
  });

  it("calls again after tool results when the choice is 'required'", () => {
    const transcript: TranscriptMessage[] = [
      USER,
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_1', name: 'get_time', arguments: {} }],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_time', content: '12:00' },
    ];
    const texts = promptTexts(transcript, TOOLS, 'required');
    // The results name get_time, so the question names it.
    expect(toolModelReply(texts, texts.at(-1)!)).toBe(
      '```json\n{"tool_calls":[{"name":"get_time","arguments":{}}]}\n```',
    );
  });
});

/** A provider of each message form against the emulator: OpenAI, Gemini, and GPROChat's flattened. */
function providersOf(emulator: Emulator): Record<'free2gpt' | 'aichatfree' | 'gprochat', Provider> {
  const facts = {
    label: 'Test',
    url: 'https://test.invalid',
    lastKnownUp: true,
    defaultModel: 'm',
    models: ['m'],
  };
  return {
    free2gpt: createProvider(
      defineSite(SITE_TEMPLATES['chatgpt-demo'], { ...facts, id: 'free2gpt' }),
      { baseURL: emulator.sites.free2gpt },
    ),
    aichatfree: createProvider(
      defineSite(SITE_TEMPLATES['gemini-pro-chat'], { ...facts, id: 'aichatfree' }),
      { baseURL: emulator.sites.aichatfree },
    ),
    gprochat: createProvider(
      defineSite(SITE_TEMPLATES['gemini-pro-chat'], {
        ...facts,
        id: 'gprochat',
        secret: GPROCHAT_SECRET,
        toRequestMessages: (messages) => [
          { role: 'user', parts: [{ text: formatPrompt(messages) }] },
        ],
        toSignedText: formatPrompt,
      }),
      { baseURL: emulator.sites.gprochat },
    ),
  };
}

async function collect(stream: AsyncIterable<ToolStreamPart>): Promise<ToolStreamPart[]> {
  const parts: ToolStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('the tool model through a socket', () => {
  let emulator: Emulator;
  let providers: ReturnType<typeof providersOf>;

  beforeAll(async () => {
    emulator = await startEmulator({ strict: true });
    providers = providersOf(emulator);
  });

  beforeEach(() => {
    emulator.reset();
  });

  afterAll(async () => {
    await Promise.all(Object.values(providers).map((provider) => provider.close()));
    await emulator.close();
  });

  describe.each(['free2gpt', 'aichatfree', 'gprochat'] as const)('%s', (site) => {
    it('answers a request with tools with a call, then the result with prose quoting it', async () => {
      const provider = providers[site];
      const [call, ...rest] = await collect(
        streamToolParts(provider, { messages: [USER], tools: TOOLS }),
      );
      expect(rest).toEqual([]);
      expect(call).toMatchObject({
        type: 'tool-call',
        name: 'get_weather',
        arguments: { city: QUESTION, unit: 'celsius' },
        argumentsText: `{"city":"${QUESTION}","unit":"celsius"}`,
      });
      if (call?.type !== 'tool-call') throw new Error('expected a call');
      const transcript: TranscriptMessage[] = [
        USER,
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: call.id, name: call.name, arguments: call.arguments }],
        },
        {
          role: 'tool',
          toolCallId: call.id,
          toolName: call.name,
          content: '{"temp":21,"sky":"clear"}',
        },
      ];
      const answer = await collect(
        streamToolParts(provider, { messages: transcript, tools: TOOLS }),
      );
      expect(answer).toEqual([
        {
          type: 'text',
          text: 'The tool get_weather returned: "{"temp":21,"sky":"clear"}". (Emulated: no model was asked.)',
        },
      ]);
      expect(emulator.requests.map((request) => request.validation)).toEqual(['ok', 'ok']);
    });

    it('answers plain chat with the default reply', async () => {
      expect(await providers[site].complete({ messages: [USER] })).toBe(
        emulatedReplyText(site, [USER]),
      );
    });
  });

  it('streams what emulatedReplyText says for a tool prompt', async () => {
    const parts = await collect(
      streamToolParts(providers.free2gpt, { messages: [USER], tools: TOOLS, toolChoice: 'none' }),
    );
    expect(parts).toEqual([{ type: 'text', text: emulatedReplyText('free2gpt', [USER]) }]);
    const prompt = buildToolPrompt({ messages: [USER], tools: TOOLS });
    expect(emulatedReplyText('free2gpt', prompt)).toBe(WEATHER_CALL);
  });

  describe.each(TOOL_CALL_SHAPES)('a scripted reply in the %s form', (shape) => {
    it('gives its calls and the prose around them', async () => {
      const calls = [
        { name: 'get_weather', arguments: { city: 'Zürich “ville” 🌍', unit: 'fahrenheit' } },
        { name: 'get_time' },
      ];
      const text = toolCallText(calls, {
        shape,
        before: 'Checking both.\n',
        after: '\nOne moment.',
      });
      emulator.scenario('free2gpt', { text, chunkSize: 5 });
      const parts = await collect(
        streamToolParts(providers.free2gpt, { messages: [USER], tools: TOOLS }),
      );
      expect(
        parts.map((part) =>
          part.type === 'text' ? part : { name: part.name, arguments: part.arguments },
        ),
      ).toEqual([
        { type: 'text', text: 'Checking both.\n' },
        { name: 'get_weather', arguments: calls[0]!.arguments },
        { name: 'get_time', arguments: {} },
        { type: 'text', text: '\nOne moment.' },
      ]);
    });
  });
});
