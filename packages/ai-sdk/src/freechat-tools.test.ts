import { APICallError, type LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { TOOL_INSTRUCTION_HEADER, ToolCallError } from '@freechat/core';
import { type Emulator, toolCallText } from '@freechat/emulator';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { freechat } from './freechat-provider.js';
import { type Free2GPTClient, useEmulatedFree2GPT } from './test-emulated-free2gpt.js';

let emulator: Emulator;
let free2gpt: Free2GPTClient;

useEmulatedFree2GPT((setup) => {
  ({ emulator, free2gpt } = setup);
});

const QUESTION = 'What is the weather in Paris?';
/** What the emulator's tool model gives a string argument: the question. */
const CITY = QUESTION;

/** The tools of a call: `weather` answers with its city and 21 °C; `time` with noon. */
function weatherTools() {
  return {
    weather: tool({
      description: 'The current weather in a city.',
      inputSchema: jsonSchema<{ city: string }>({
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
      }),
      execute: async ({ city }) => ({ city, temperature: 21 }),
    }),
    time: tool({
      description: 'The current time.',
      inputSchema: jsonSchema<Record<string, never>>({ type: 'object', properties: {} }),
      execute: async () => '12:00',
    }),
  };
}

/** What the emulator's tool model says after the weather tool's result. */
const QUOTED = `The tool weather returned: "${JSON.stringify({ city: CITY, temperature: 21 })}". (Emulated: no model was asked.)`;

/** The messages the site received in request `index`. */
function sentMessages(index: number): { role: string; content: string }[] {
  return (emulator.requests[index]!.body as { messages: { role: string; content: string }[] })
    .messages;
}

describe('generateText with tools', () => {
  it('calls the tool, sends its result back, and ends with the text that quotes it', async () => {
    const result = await generateText({
      model: freechat(free2gpt)(),
      prompt: QUESTION,
      tools: weatherTools(),
      stopWhen: stepCountIs(3),
    });
    expect(result.text).toBe(QUOTED);
    expect(result.finishReason).toBe('stop');
    expect(result.steps).toHaveLength(2);
    const [first] = result.steps;
    expect(first!.finishReason).toBe('tool-calls');
    expect(first!.toolCalls).toMatchObject([{ toolName: 'weather', input: { city: CITY } }]);
    expect(first!.toolResults).toMatchObject([
      { toolName: 'weather', output: { city: CITY, temperature: 21 } },
    ]);
    // The second request carried the call, with its id, and the result as the last user turn.
    const callId = first!.toolCalls[0]!.toolCallId;
    expect(callId).toMatch(/^call_[A-Za-z0-9]{24}$/);
    const second = sentMessages(1);
    expect(second[0]!.content).toContain(TOOL_INSTRUCTION_HEADER);
    expect(second.at(-2)).toMatchObject({
      role: 'assistant',
      content: expect.stringContaining(callId),
    });
    expect(second.at(-1)).toEqual({
      role: 'user',
      content: expect.stringContaining(`<tool_result id="${callId}" name="weather">`),
    });
    expect(emulator.requests).toHaveLength(2);
  });

  it('returns text and calls in the order the reply gave them, with a tool-calls finish', async () => {
    emulator.scenario('free2gpt', {
      text: toolCallText([{ name: 'time' }], { before: 'Checking.\n', after: '\nOne moment.' }),
    });
    const { content, finishReason } = await freechat(free2gpt)().doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'What time is it?' }] }],
      tools: [{ type: 'function', name: 'time', inputSchema: { type: 'object' } }],
    });
    expect(content).toEqual([
      { type: 'text', text: 'Checking.\n' },
      {
        type: 'tool-call',
        toolCallId: expect.stringMatching(/^call_/),
        toolName: 'time',
        input: '{}',
      },
      { type: 'text', text: '\nOne moment.' },
    ]);
    expect(finishReason).toEqual({ unified: 'tool-calls', raw: undefined });
  });

  it('calls the tool a named choice names, whatever the question mentions', async () => {
    const result = await generateText({
      model: freechat(free2gpt)(),
      prompt: QUESTION,
      tools: weatherTools(),
      toolChoice: { type: 'tool', toolName: 'time' },
    });
    expect(result.toolCalls).toMatchObject([{ toolName: 'time', input: {} }]);
    expect(result.toolResults).toMatchObject([{ toolName: 'time', output: '12:00' }]);
  });

  it("sends no tool text for toolChoice 'none', and the reply is text", async () => {
    const result = await generateText({
      model: freechat(free2gpt)(),
      prompt: QUESTION,
      tools: weatherTools(),
      toolChoice: 'none',
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.finishReason).toBe('stop');
    expect(result.text).toContain(`You said: "${QUESTION}"`);
    expect(sentMessages(0)).toEqual([{ role: 'user', content: QUESTION }]);
  });

  it('fails a required call the model never makes with an APICallError whose cause is a ToolCallError', async () => {
    emulator.scenario('free2gpt', { text: 'It is sunny.' }, { text: 'Still sunny.' });
    const error = await generateText({
      model: freechat(free2gpt)(),
      prompt: QUESTION,
      tools: weatherTools(),
      toolChoice: 'required',
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    const cause = (error as APICallError).cause;
    expect(ToolCallError.isInstance(cause)).toBe(true);
    expect(cause).toMatchObject({ provider: 'free2gpt', kind: 'no-call', attempts: 2 });
    expect(error).toMatchObject({
      message:
        '[free2gpt] the model called no tool though the tool choice requires one (asked 2 times)',
      isRetryable: false,
      requestBodyValues: { toolChoice: 'required', tools: [{ name: 'weather' }, { name: 'time' }] },
    });
    // Asked once more, with what was wrong, before giving up.
    expect(emulator.requests).toHaveLength(2);
  });
  it('asks no more with the maxToolRetries setting 0', async () => {
    emulator.scenario('free2gpt', { text: 'It is sunny.' });
    const error = await generateText({
      model: freechat(free2gpt, { maxToolRetries: 0 })(),
      prompt: QUESTION,
      tools: weatherTools(),
      toolChoice: 'required',
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect((error as APICallError).cause).toMatchObject({ kind: 'no-call', attempts: 1 });
    expect(emulator.requests).toHaveLength(1);
  });
});

describe('streamText with tools', () => {
  it('streams the call, runs the tool, then streams the text that quotes its result', async () => {
    const result = streamText({
      model: freechat(free2gpt)(),
      prompt: QUESTION,
      tools: weatherTools(),
      stopWhen: stepCountIs(3),
    });
    const types: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type !== types.at(-1)) types.push(part.type);
    }
    expect(types).toEqual([
      'start',
      'start-step',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'tool-result',
      'finish-step',
      'start-step',
      'text-start',
      'text-delta',
      'text-end',
      'finish-step',
      'finish',
    ]);
    expect(await result.text).toBe(QUOTED);
    const steps = await result.steps;
    expect(steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(steps[0]!.toolCalls).toMatchObject([{ toolName: 'weather', input: { city: CITY } }]);
  });

  it('gives the tool input, call and finish as V3 stream parts', async () => {
    emulator.scenario('free2gpt', {
      text: toolCallText([{ name: 'weather', arguments: { city: 'Paris' } }], {
        before: 'Checking.',
        after: 'Done.',
      }),
      chunkSize: 3,
    });
    const { stream } = await freechat(free2gpt)().doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: QUESTION }] }],
      tools: [{ type: 'function', name: 'weather', inputSchema: { type: 'object' } }],
      includeRawChunks: true,
    });
    const parts: LanguageModelV3StreamPart[] = [];
    for await (const part of stream) {
      const last = parts.at(-1);
      if (part.type === 'text-delta' && last?.type === 'text-delta') last.delta += part.delta;
      else if (part.type !== 'raw') parts.push(part);
      else if (typeof part.rawValue !== 'string') parts.push(part);
    }
    const input = '{"city":"Paris"}';
    const id = (parts.find((part) => part.type === 'tool-call') as { toolCallId: string })
      .toolCallId;
    expect(parts.slice(2)).toEqual([
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Checking.' },
      { type: 'text-end', id: '0' },
      {
        type: 'raw',
        rawValue: {
          type: 'tool-call',
          id,
          name: 'weather',
          arguments: { city: 'Paris' },
          argumentsText: input,
        },
      },
      { type: 'tool-input-start', id, toolName: 'weather' },
      { type: 'tool-input-delta', id, delta: input },
      { type: 'tool-input-end', id },
      { type: 'tool-call', toolCallId: id, toolName: 'weather', input },
      { type: 'text-start', id: '1' },
      { type: 'text-delta', id: '1', delta: 'Done.' },
      { type: 'text-end', id: '1' },
      {
        type: 'finish',
        finishReason: { unified: 'tool-calls', raw: undefined },
        usage: expect.any(Object),
      },
    ]);
  });
});
