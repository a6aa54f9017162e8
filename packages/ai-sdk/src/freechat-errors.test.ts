import { APICallError } from '@ai-sdk/provider';
import { createFallback, FallbackError, RateLimitError } from '@freechat/core';
import { type Emulator, startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { createFreeGpt } from '@freechat/freegpt';
import {
  generateText,
  NoOutputGeneratedError,
  streamText,
  type TextStreamPart,
  type ToolSet,
} from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freechat } from './freechat-provider.js';

let emulator: Emulator;
let free2gpt: ReturnType<typeof createFree2GPT>;
let freegpt: ReturnType<typeof createFreeGpt>;

beforeAll(async () => {
  globalThis.AI_SDK_LOG_WARNINGS = false;
  emulator = await startEmulator();
  free2gpt = createFree2GPT({ baseURL: emulator.sites.free2gpt, retryDelay: 1 });
  freegpt = createFreeGpt({ baseURL: emulator.sites.freegpt, retryDelay: 1 });
});
afterAll(async () => {
  await Promise.all([free2gpt.close(), freegpt.close()]);
  await emulator.close();
});
beforeEach(() => {
  emulator.reset();
});

describe('an upstream rate limit', () => {
  it('rejects generateText with an APICallError carrying the status, body and cause', async () => {
    emulator.scenario('free2gpt', { fault: 'quota' });
    const call = generateText({ model: freechat(free2gpt)(), prompt: 'Hi', maxRetries: 0 });
    const error = await call.catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.message).toMatch(/^\[free2gpt\] HTTP 500 from POST .*Quota exceeded/);
    expect(apiError).toMatchObject({
      statusCode: 500,
      url: `${emulator.sites.free2gpt}/api/generate`,
      isRetryable: false,
      requestBodyValues: { messages: [{ role: 'user', content: 'Hi' }] },
    });
    expect(apiError.responseBody).toContain('Quota exceeded');
    expect(RateLimitError.isInstance(apiError.cause)).toBe(true);
    expect(emulator.requests).toHaveLength(1);
  });

  it('reaches streamText’s onError as an APICallError and leaves no output', async () => {
    emulator.scenario('free2gpt', { fault: 'quota' });
    const errors: unknown[] = [];
    const result = streamText({
      model: freechat(free2gpt)(),
      prompt: 'Hi',
      maxRetries: 0,
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    await result.consumeStream();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(APICallError);
    expect(errors[0]).toMatchObject({ statusCode: 500, isRetryable: false });
    await expect(result.text).rejects.toBeInstanceOf(NoOutputGeneratedError);
  });

  it('lets ai retry a retryable error only when aiRetries is on', async () => {
    const limited = createFree2GPT({ baseURL: emulator.sites.free2gpt, maxRetries: 0 });
    emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfterMs: 1 });
    const refused = await generateText({
      model: freechat(limited)(),
      prompt: 'Hi',
      maxRetries: 1,
    }).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ statusCode: 429, isRetryable: false });
    expect(emulator.requests).toHaveLength(1);

    emulator.reset();
    emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfterMs: 1 }, { text: 'second try' });
    const result = await generateText({
      model: freechat(limited, { aiRetries: true })(),
      prompt: 'Hi',
      maxRetries: 1,
    });
    await limited.close();
    expect(result.text).toBe('second try');
    expect(emulator.requests.map((request) => request.status)).toEqual([429, 200]);
  });
});

describe('a failure after the first text', () => {
  it('becomes an error part followed by an error finish, keeping the text', async () => {
    emulator.scenario('free2gpt', { fault: 'reset-mid-reply', chunkSize: 4 });
    const parts: TextStreamPart<ToolSet>[] = [];
    const result = streamText({
      model: freechat(free2gpt)(),
      prompt: 'Hi',
      onError: () => {},
    });
    for await (const part of result.fullStream) parts.push(part);
    const types = parts.map((part) => part.type);
    expect(types.slice(types.indexOf('text-end'))).toEqual([
      'text-end',
      'error',
      'finish-step',
      'finish',
    ]);
    const error = parts.find((part) => part.type === 'error')!;
    expect(APICallError.isInstance(error.error)).toBe(true);
    expect((error.error as APICallError).message).toMatch(
      /^\[free2gpt\] POST http:\/\/\S+: connection failed: /,
    );
    expect(await result.finishReason).toBe('error');
    expect((await result.text).length).toBeGreaterThan(0);
  });
});

describe('a fallback chain', () => {
  it('moves past a spent quota to the next provider', async () => {
    emulator.scenario('free2gpt', { fault: 'quota' });
    emulator.scenario('freegpt', { text: 'from FreeGpt ✓', chunkSize: 1 });
    const chain = createFallback([free2gpt, freegpt]);
    const model = freechat(chain)();
    expect(model.provider).toBe('freechat.fallback');
    const result = streamText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(await result.text).toBe('from FreeGpt ✓');
    expect(emulator.requests.map((request) => [request.site, request.status])).toEqual([
      ['free2gpt', 500],
      ['freegpt', 200],
    ]);
  });

  it('reports every provider’s failure in one APICallError when all fail', async () => {
    emulator.scenario('free2gpt', { fault: 'quota' });
    emulator.scenario('freegpt', { fault: 'quota' });
    const chain = createFallback([free2gpt, freegpt]);
    const error = await generateText({
      model: freechat(chain)(),
      prompt: 'Hi',
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toMatch(
      /^\[fallback\] all 2 providers failed:\n {2}free2gpt: RateLimitError: HTTP 500.*\n {2}freegpt: RateLimitError: HTTP 200/,
    );
    expect((error as APICallError).url).toBe(`${emulator.sites.freegpt}/api/generate`);
    expect(FallbackError.isInstance((error as APICallError).cause)).toBe(true);
  });
});
