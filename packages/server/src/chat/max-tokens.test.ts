import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer();
});
afterAll(() => test.close());

const hello = [{ role: 'user' as const, content: 'Hello!' }];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);

/** Asks free2gpt, which answers `text`, for a chat completion with these limits. */
function complete(text: string, limits: { max_tokens?: number; max_completion_tokens?: number }) {
  test.emulator.reset();
  test.emulator.scenario('free2gpt', { text });
  return test.openai.chat.completions.create({ model: 'free2gpt', messages: hello, ...limits });
}

describe('max_tokens and max_completion_tokens cut the reply at the estimated token count', () => {
  it('non-streaming: 4 characters per token, finish_reason "length", usage within the limit', async () => {
    const completion = await complete(ALPHABET, { max_tokens: 5 });
    expect(completion.choices[0]!.message.content).toBe(ALPHABET.slice(0, 20));
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(5);
  });

  it('streaming: the deltas stop at the limit and the last chunk says "length"', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { text: ALPHABET, chunkSize: 3 });
    const stream = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: hello,
      max_completion_tokens: 3,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const reasons: (string | null)[] = [];
    let completionTokens: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0] !== undefined) reasons.push(chunk.choices[0].finish_reason);
      if (chunk.usage) completionTokens = chunk.usage.completion_tokens;
    }
    expect(text).toBe(ALPHABET.slice(0, 12));
    expect(reasons.at(-1)).toBe('length');
    expect(completionTokens).toBe(3);
  });

  it('closes the upstream request once the limit is reached', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { size: 64 * 1024 * 1024, chunkSize: 64 * 1024 });
    const upstream = test.emulator.nextRequest();
    const completion = await test.openai.chat.completions.create({
      model: 'free2gpt',
      messages: hello,
      max_tokens: 10,
    });
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(completion.choices[0]!.message.content!.length).toBeLessThanOrEqual(40);
    const entry = await upstream;
    await entry.closed;
    expect(entry.clientClosed).toBe(true);
  });

  it('takes the smaller of max_tokens and max_completion_tokens', async () => {
    const completion = await complete(ALPHABET, { max_tokens: 2, max_completion_tokens: 6 });
    expect(completion.choices[0]!.message.content).toBe(ALPHABET.slice(0, 8));
  });

  it('never cuts inside a surrogate pair', async () => {
    const completion = await complete('abc😀def', { max_tokens: 1 });
    expect(completion.choices[0]!.message.content).toBe('abc');
    expect(completion.choices[0]!.finish_reason).toBe('length');
  });

  for (const [name, text] of [
    ['shorter than the limit', ALPHABET.slice(0, 7)],
    ['exactly at the limit', ALPHABET.slice(0, 20)],
  ] as const) {
    it(`a reply ${name} is whole, with finish_reason "stop"`, async () => {
      const completion = await complete(text, { max_tokens: 5 });
      expect(completion.choices[0]!.message.content).toBe(text);
      expect(completion.choices[0]!.finish_reason).toBe('stop');
    });
  }

  it('a stop sequence before the limit still finishes with "stop"', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { text: ALPHABET });
    const response = await request(`${test.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'free2gpt', messages: hello, max_tokens: 5, stop: 'f' }),
    });
    const completion = (await response.body.json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
    };
    expect(completion.choices[0]).toMatchObject({
      message: { content: 'abcde' },
      finish_reason: 'stop',
    });
  });
});
