import { NoSuchModelError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { Emulator } from '@freechat/emulator';
import { createProviderRegistry, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { freechat } from './freechat-provider.js';
import { type Free2GPTClient, useEmulatedFree2GPT } from './test-emulated-free2gpt.js';

const REPLY = 'Déjà vu: 日本語のテキスト, emoji 🚀✨ and «quotes» — split byte by byte.';
let emulator: Emulator;
let free2gpt: Free2GPTClient;

useEmulatedFree2GPT((setup) => {
  ({ emulator, free2gpt } = setup);
});

describe('freechat(provider)(modelId)', () => {
  it('is a V3 language model named after the provider, with no supported URLs', () => {
    const model = freechat(free2gpt)('gemini-1.5-flash');
    expect(model).toMatchObject({
      specificationVersion: 'v3',
      provider: 'freechat.free2gpt',
      modelId: 'gemini-1.5-flash',
      supportedUrls: {},
    });
    expect(freechat(free2gpt)().modelId).toBe('gemini-1.5-pro');
    expect(freechat(free2gpt).languageModel('gemini-1.5-pro').modelId).toBe('gemini-1.5-pro');
  });

  it('refuses an unknown model id at creation with NoSuchModelError', () => {
    // The types refuse it too; a JavaScript caller (or a cast) reaches the runtime check.
    const create = () => freechat(free2gpt)('gpt-5' as never);
    expect(create).toThrow(NoSuchModelError);
    expect(create).toThrow(
      '[free2gpt] no such model "gpt-5"; choose one of gemini-1.5-pro, gemini-1.5-flash',
    );
    expect(() => freechat(free2gpt).embeddingModel('any')).toThrow(NoSuchModelError);
  });

  it('serves as a ProviderV3 in an AI SDK provider registry', () => {
    const registry = createProviderRegistry({ free2gpt: freechat(free2gpt) });
    expect(registry.languageModel('free2gpt:gemini-1.5-flash')).toMatchObject({
      provider: 'freechat.free2gpt',
      modelId: 'gemini-1.5-flash',
    });
  });
});

describe('streamText', () => {
  it('streams the reply exactly, split byte by byte, as one text part', async () => {
    emulator.scenario('free2gpt', { text: REPLY, chunkSize: 1 });
    const result = streamText({ model: freechat(free2gpt)('gemini-1.5-pro'), prompt: 'Hello!' });
    let streamed = '';
    for await (const text of result.textStream) streamed += text;
    expect(streamed).toBe(REPLY);
    expect(await result.text).toBe(REPLY);
    expect(await result.finishReason).toBe('stop');
    expect(await result.content).toEqual([{ type: 'text', text: REPLY }]);
    expect(await result.usage).toMatchObject({ inputTokens: undefined, outputTokens: undefined });
    expect((await result.response).modelId).toBe('gemini-1.5-pro');
  });

  it('sends stream-start with warnings, response-metadata, one text part and a stop finish', async () => {
    emulator.scenario('free2gpt', { text: 'abc', chunkSize: 1 });
    const { stream } = await freechat(free2gpt)().doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      temperature: 0.2,
    });
    const parts = [];
    let text = '';
    for await (const part of stream) {
      if (part.type === 'text-delta') {
        expect(part.id).toBe('0');
        text += part.delta;
      } else parts.push(part);
    }
    expect(text).toBe('abc');
    expect(parts).toEqual([
      {
        type: 'stream-start',
        warnings: [expect.objectContaining({ type: 'unsupported', feature: 'temperature' })],
      },
      { type: 'response-metadata', timestamp: expect.any(Date), modelId: 'gemini-1.5-pro' },
      { type: 'text-start', id: '0' },
      { type: 'text-end', id: '0' },
      {
        type: 'finish',
        finishReason: { unified: 'stop', raw: undefined },
        usage: {
          inputTokens: {
            total: undefined,
            noCache: undefined,
            cacheRead: undefined,
            cacheWrite: undefined,
          },
          outputTokens: { total: undefined, text: undefined, reasoning: undefined },
        },
      },
    ]);
  });

  it('sends each chunk as a raw part too with includeRawChunks', async () => {
    emulator.scenario('free2gpt', { text: 'ünï', chunkSize: 1 });
    const { stream } = await freechat(free2gpt)().doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      includeRawChunks: true,
    });
    const raw: unknown[] = [];
    const deltas: string[] = [];
    for await (const part of stream) {
      if (part.type === 'raw') raw.push(part.rawValue);
      if (part.type === 'text-delta') deltas.push(part.delta);
    }
    expect(raw).toEqual(deltas);
    expect(deltas.join('')).toBe('ünï');
  });

  it('delivers the system message to the site', async () => {
    const result = streamText({
      model: freechat(free2gpt)(),
      system: 'Answer in one word.',
      prompt: 'Capital of France?',
    });
    await result.consumeStream();
    expect(emulator.requests[0]!.verdict).toBe('ok');
    expect(emulator.requests[0]!.body).toMatchObject({
      messages: [
        { role: 'system', content: 'Answer in one word.' },
        { role: 'user', content: 'Capital of France?' },
      ],
    });
  });

  it('warns about the settings the site cannot honour', async () => {
    const result = streamText({
      model: freechat(free2gpt)(),
      system: 'Be brief.',
      prompt: 'Hi',
      temperature: 0.3,
      maxOutputTokens: 50,
      seed: 7,
    });
    await result.consumeStream();
    expect(await result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'maxOutputTokens' }),
      expect.objectContaining({ type: 'unsupported', feature: 'temperature' }),
      expect.objectContaining({ type: 'unsupported', feature: 'seed' }),
      expect.objectContaining({ type: 'compatibility', feature: 'system messages' }),
    ]);
  });

  it('refuses an image part with UnsupportedFunctionalityError before any request', async () => {
    const errors: unknown[] = [];
    const result = streamText({
      model: freechat(free2gpt)(),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image', image: new Uint8Array([137, 80, 78, 71]), mediaType: 'image/png' },
          ],
        },
      ],
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    await result.consumeStream();
    expect(errors).toHaveLength(1);
    expect(UnsupportedFunctionalityError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ functionality: 'image parts (image/png) in user messages' });
    expect(emulator.requests).toHaveLength(0);
  });

  it('closes the connection when the abortSignal fires mid-reply', async () => {
    emulator.scenario('free2gpt', { text: REPLY.repeat(20), chunkSize: 1, delayMs: 2 });
    const controller = new AbortController();
    const result = streamText({
      model: freechat(free2gpt)(),
      prompt: 'Tell me a long story.',
      abortSignal: controller.signal,
    });
    let streamed = '';
    for await (const text of result.textStream) {
      streamed += text;
      controller.abort();
    }
    expect(streamed.length).toBeGreaterThan(0);
    expect(streamed.length).toBeLessThan(REPLY.repeat(20).length);
    const entry = emulator.requests[0]!;
    await entry.closed;
    expect(entry.clientClosed).toBe(true);
  });

  it('closes a stalled request when the stream is cancelled', async () => {
    emulator.scenario('free2gpt', { fault: 'stall-mid-reply' });
    const { stream } = await freechat(free2gpt)().doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
    const reader = stream.getReader();
    for (let part = await reader.read(); part.value?.type !== 'text-delta'; ) {
      part = await reader.read();
    }
    await reader.cancel();
    const entry = emulator.requests[0]!;
    await entry.closed;
    expect(entry.clientClosed).toBe(true);
  });
});
