import { APICallError, InvalidPromptError } from '@ai-sdk/provider';
import { EmptyReplyError } from '@freechat/core';
import type { Emulator } from '@freechat/emulator';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { freechat } from './freechat-provider.js';
import { type Free2GPTClient, useEmulatedFree2GPT } from './test-emulated-free2gpt.js';

const REPLY = 'Paris — «Ville Lumière» 🗼, 巴黎.';
let emulator: Emulator;
let free2gpt: Free2GPTClient;

useEmulatedFree2GPT((setup) => {
  ({ emulator, free2gpt } = setup);
});

describe('generateText', () => {
  it('returns the whole reply as one text part with a stop finish and unknown usage', async () => {
    emulator.scenario('free2gpt', { text: REPLY, chunkSize: 1 });
    const result = await generateText({
      model: freechat(free2gpt)('gemini-1.5-flash'),
      prompt: 'Capital of France?',
    });
    expect(result.text).toBe(REPLY);
    expect(result.content).toEqual([{ type: 'text', text: REPLY }]);
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({
      inputTokens: undefined,
      outputTokens: undefined,
      totalTokens: undefined,
    });
    expect(result.response.modelId).toBe('gemini-1.5-flash');
    expect(result.response.timestamp).toBeInstanceOf(Date);
    expect(result.warnings).toEqual([]);
  });

  it('sends the whole conversation and returns warnings for unsupported settings', async () => {
    const result = await generateText({
      model: freechat(free2gpt)(),
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'How are ' },
            { type: 'text', text: 'you?' },
          ],
        },
      ],
      topP: 0.5,
      stopSequences: ['\n'],
    });
    expect(result.text).toContain('You said: "How are you?"');
    expect(emulator.requests[0]!.body).toMatchObject({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'How are you?' },
      ],
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'topP' }),
      expect.objectContaining({ type: 'unsupported', feature: 'stopSequences' }),
    ]);
  });

  it("fails a reply that stays empty with an APICallError whose cause is core's EmptyReplyError", async () => {
    const empty = { fault: 'empty-reply' } as const;
    emulator.scenario('free2gpt', empty, empty, empty);
    const error = await generateText({
      model: freechat(free2gpt)(),
      prompt: 'Say nothing.',
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(EmptyReplyError.isInstance((error as APICallError).cause)).toBe(true);
    expect(error).toMatchObject({ statusCode: 200, responseBody: '' });
    // The provider's own retries asked twice more before giving up.
    expect(emulator.requests).toHaveLength(3);
  });

  it('refuses a conversation that does not end with the user with InvalidPromptError', async () => {
    const call = generateText({
      model: freechat(free2gpt)(),
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
    });
    await expect(call).rejects.toThrow(InvalidPromptError);
    await expect(call).rejects.toThrow("the last message must be the user's");
    expect(emulator.requests).toHaveLength(0);
  });
});
