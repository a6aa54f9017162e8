import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, jsonSchema, type LanguageModel, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ providers: { maxRetries: 0 } });
});
afterAll(() => test.close());

const question = 'What is the weather in Paris?';
const parameters = {
  type: 'object',
  properties: { city: { type: 'string' } },
  // JSONSchema7 takes a mutable list (@types/json-schema, which @anthropic-ai/sdk brings in).
  required: ['city'] as string[],
  additionalProperties: false,
} as const;

/** The AI SDK's weather tool: it records the cities it was run for and answers a fixed forecast. */
function weatherTool(cities: string[]) {
  return tool({
    description: 'The current weather in a city.',
    inputSchema: jsonSchema<{ city: string }>(parameters),
    execute: async ({ city }) => {
      cities.push(city);
      return { city, sky: 'clear', celsius: 21 };
    },
  });
}

/** The AI SDK's OpenAI providers' language models, made for the server's `/v1` URL. */
const MODELS: [string, (baseURL: string) => LanguageModel][] = [
  [
    '@ai-sdk/openai, Responses',
    (baseURL) => createOpenAI({ baseURL, apiKey: 'unused' })('free2gpt'),
  ],
  [
    '@ai-sdk/openai, chat completions',
    (baseURL) => createOpenAI({ baseURL, apiKey: 'unused' }).chat('free2gpt'),
  ],
  [
    '@ai-sdk/openai-compatible',
    (baseURL) =>
      createOpenAICompatible({ name: 'freechat', baseURL, apiKey: 'unused' })('free2gpt'),
  ],
];

describe.each(MODELS)('the AI SDK (%s) with tools', (_name, makeModel) => {
  let model: LanguageModel;
  beforeAll(() => {
    model = makeModel(`${test.url}/v1`);
  });

  it('generateText: calls the tool, runs it, and answers with its result in the next step', async () => {
    const cities: string[] = [];
    const result = await generateText({
      model,
      prompt: question,
      tools: { get_weather: weatherTool(cities) },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    expect(cities).toEqual([question]);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.finishReason).toBe('tool-calls');
    expect(result.steps[0]!.toolCalls).toMatchObject([
      { toolName: 'get_weather', input: { city: question } },
    ]);
    expect(result.finishReason).toBe('stop');
    expect(result.text).toContain('The tool get_weather returned: "');
    expect(result.text).toContain('"sky":"clear"');
  });

  it('streamText: the call streams as tool parts, and the next step streams the answer', async () => {
    const cities: string[] = [];
    const result = streamText({
      model,
      prompt: question,
      tools: { get_weather: weatherTool(cities) },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
    });
    const parts: string[] = [];
    for await (const part of result.fullStream) parts.push(part.type);
    expect(parts).toEqual(
      expect.arrayContaining(['tool-input-start', 'tool-call', 'tool-result', 'text-delta']),
    );
    expect(parts.indexOf('tool-call')).toBeLessThan(parts.indexOf('text-delta'));
    expect(cities).toEqual([question]);
    expect(await result.text).toContain('"celsius":21');
  });
});

describe('LangChain’s ChatOpenAI with bindTools', () => {
  const weather = {
    type: 'function' as const,
    function: { name: 'get_weather', description: 'The current weather.', parameters },
  };
  const chat = () =>
    new ChatOpenAI({
      model: 'free2gpt',
      apiKey: 'unused',
      maxRetries: 0,
      configuration: { baseURL: `${test.url}/v1` },
    }).bindTools([weather]);

  it('invoke: the AIMessage carries the tool call, its arguments parsed', async () => {
    const message = await chat().invoke(question);
    expect(message.tool_calls).toMatchObject([
      { name: 'get_weather', args: { city: question }, id: expect.stringMatching(/^call_/) },
    ]);
  });

  it('stream: the chunks join into the same tool call', async () => {
    let joined: AIMessageChunk | undefined;
    for await (const chunk of await chat().stream(question)) {
      joined = joined === undefined ? chunk : joined.concat(chunk);
    }
    expect(joined).toBeInstanceOf(AIMessageChunk);
    expect(joined!.tool_calls).toMatchObject([{ name: 'get_weather', args: { city: question } }]);
  });
});
