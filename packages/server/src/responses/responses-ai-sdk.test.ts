import { createOpenAI } from '@ai-sdk/openai';
import type { Message } from '@freechat/core';
import { emulatedReplyText } from '@freechat/emulator';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
let openai: ReturnType<typeof createOpenAI>;
beforeAll(async () => {
  test = await startTestServer({ providers: { maxRetries: 0 } });
  openai = createOpenAI({ baseURL: `${test.url}/v1`, apiKey: 'unused' });
});
afterAll(() => test.close());

const conversation: Message[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hello!' },
];

/** The messages the emulated free2gpt site received on its last request. */
function upstreamMessages(): unknown {
  return (test.emulator.requests.at(-1)!.body as { messages: unknown }).messages;
}

// `createOpenAI(...)(model)` is the Responses API model: these calls go to POST /v1/responses.
describe('@ai-sdk/openai’s default (Responses) model', () => {
  it('generateText: the reply, a stop, the usage, a resp_ id', async () => {
    const result = await generateText({
      model: openai('free2gpt'),
      system: 'Be brief.',
      prompt: 'Hello!',
      maxRetries: 0,
    });
    const text = emulatedReplyText('free2gpt', conversation);
    expect(result.text).toBe(text);
    expect(result.finishReason).toBe('stop');
    expect(result.response.id).toMatch(/^resp_/);
    expect(result.response.modelId).toBe('free2gpt/gemini-1.5-pro');
    expect(result.usage).toMatchObject({
      inputTokens: Math.ceil('Be brief.Hello!'.length / 4),
      outputTokens: Math.ceil(text.length / 4),
    });
    expect(upstreamMessages()).toEqual(conversation);
  });

  it('streamText: the text as it arrives, then a stop and the usage', async () => {
    const text = 'A streamed answer, four characters at a time.';
    test.emulator.scenario('free2gpt', { text, chunkSize: 4, delayMs: 1 });
    const result = streamText({
      model: openai('free2gpt'),
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Tell me more.' },
      ],
      maxRetries: 0,
    });
    let streamed = '';
    for await (const piece of result.textStream) streamed += piece;
    expect(streamed).toBe(text);
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBe(Math.ceil(text.length / 4));
    expect((await result.response).id).toMatch(/^resp_/);
    expect(upstreamMessages()).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'Tell me more.' },
    ]);
  });

  it('streamText: a failure after the stream started is an error part and finish reason "error"', async () => {
    test.emulator.scenario('free2gpt', { fault: 'reset-mid-reply', delayMs: 20 });
    const result = streamText({
      model: openai('free2gpt'),
      prompt: 'Hello!',
      maxRetries: 0,
      onError: () => {},
    });
    const errors: unknown[] = [];
    let streamed = '';
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') streamed += part.text;
      if (part.type === 'error') errors.push(part.error);
    }
    expect(streamed.length).toBeGreaterThan(0);
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as { message?: string }).message)).toMatch(
      /^\[free2gpt\] POST http:\/\/\S+: connection failed: /,
    );
    expect(await result.finishReason).toBe('error');
  });

  it('generateText: an upstream failure before any text is an APICallError with its status', async () => {
    test.emulator.scenario('free2gpt', { fault: 'bad-gateway' });
    const error = await generateText({
      model: openai('free2gpt'),
      prompt: 'Hello!',
      maxRetries: 0,
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ name: 'AI_APICallError', statusCode: 502 });
  });
});
