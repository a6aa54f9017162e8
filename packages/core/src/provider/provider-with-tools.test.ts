import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { endless, expectClosedAt } from '../../test/test-endless-reply.js';
import { startTestServer, type TestServer, writeChunks } from '../../test/test-server.js';
import { compareParts, TEST_TOOLS } from '../../test/test-tools.js';
import { FallbackError } from '../errors/fallback-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { Message } from '../messages/message.js';
import { createFallback } from '../policy/fallback.js';
import type { ProviderSettings } from '../settings/provider-settings.js';
import { DEFAULT_MAX_REPLY_BYTES } from '../settings/resolve-settings.js';
import type { ToolReply } from '../tools/complete-with-tools.js';
import { ToolCallError } from '../tools/tool-call-error.js';
import type { ToolStreamPart } from '../tools/tool-part.js';
import { buildToolPrompt } from '../tools/tool-prompt.js';
import type { TranscriptMessage } from '../tools/tool-transcript.js';
import { createProvider } from './create-provider.js';
import type { Provider } from './provider.js';
import type { ProviderWithTools } from './provider-with-tools.js';

let server: TestServer;
/** The replies the sites give, one per request, each written in 7-character pieces. */
let replies: string[];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  replies = [];
  server.requests.length = 0;
  server.handle((request, response) => {
    if (request.url!.startsWith('/down/')) return response.writeHead(503).end('down');
    const pieces = (replies.shift() ?? 'no reply left').match(/[\s\S]{1,7}/g) ?? [];
    return writeChunks(response, pieces);
  });
});

/** A provider of `testDefinition` on the test server at `/{name}`, without retries. */
function site(name: string, settings: Omit<ProviderSettings, 'baseURL'> = {}) {
  return createProvider(
    { ...testDefinition, id: name, label: name },
    { baseURL: `${server.url}/${name}`, maxRetries: 0, ...settings },
  );
}

/** The conversation each request sent. */
function sentMessages(): Message[][] {
  return server.requests.map((request) => JSON.parse(request.body).messages);
}

/** Every part of a stream, as compared in tests (adjacent text joined, calls without their id). */
async function partsOf(stream: AsyncIterable<ToolStreamPart>) {
  const parts: ToolStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return compareParts(parts);
}

const USER: Message = { role: 'user', content: 'Weather in Paris?' };
const CALL = '```json\n{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}}]}\n```';
const WEATHER = { type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' } };

describe("a provider's stream() with tools", () => {
  it('sends the tool prompt and yields text and calls as parts', async () => {
    replies = [`Let me check.\n${CALL}`];
    const provider = site('good');
    const parts = await partsOf(provider.stream({ messages: [USER], tools: TEST_TOOLS }));
    expect(parts).toEqual([{ type: 'text', text: 'Let me check.\n' }, WEATHER]);
    expect(sentMessages()).toEqual([buildToolPrompt({ messages: [USER], tools: TEST_TOOLS })]);
    await provider.close();
  });

  it('writes earlier calls and results of the conversation into the prompt', async () => {
    replies = ['It is 21 °C in Paris.'];
    const messages: TranscriptMessage[] = [
      USER,
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: '{"temp":21}' },
    ];
    const provider = site('good');
    const parts = await partsOf(provider.stream({ messages, tools: TEST_TOOLS }));
    expect(parts).toEqual([{ type: 'text', text: 'It is 21 °C in Paris.' }]);
    expect(sentMessages()).toEqual([buildToolPrompt({ messages, tools: TEST_TOOLS })]);
    await provider.close();
  });

  it('still yields plain strings for a request without tools, a call-shaped reply included', async () => {
    replies = [CALL];
    const provider = site('good');
    const texts: string[] = [];
    for await (const text of provider.stream({ messages: [USER] })) texts.push(text);
    expect(texts.join('')).toBe(CALL);
    expect(sentMessages()).toEqual([[USER]]);
    await provider.close();
  });

  it('refuses a tool choice without tools before any traffic, never sending it as plain chat', async () => {
    const provider = site('good');
    const request = { messages: [USER], toolChoice: 'required' as const };
    const error = await provider.complete(request).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'good', field: 'tools' });
    expect(server.requests).toHaveLength(0);
    await provider.close();
  });

  it('throws a ToolCallError when a required call never comes', async () => {
    replies = ['Sunny.', 'Still sunny.'];
    const provider = site('good');
    const stream = provider.stream({ messages: [USER], tools: TEST_TOOLS, toolChoice: 'required' });
    const error = await partsOf(stream).catch((caught) => caught);
    expect(ToolCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'good', kind: 'no-call', attempts: 2 });
    await provider.close();
  });
});

describe("a provider's complete() with tools", () => {
  it('resolves with the whole text and the calls', async () => {
    replies = [`Checking.\n${CALL}\nOne moment.`];
    const provider = site('good');
    const reply = await provider.complete({ messages: [USER], tools: TEST_TOOLS });
    expect(reply.text).toBe('Checking.\n\nOne moment.');
    expect(reply.toolCalls).toMatchObject([WEATHER]);
    expect(reply.toolCalls[0]!.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    await provider.close();
  });

  it("keeps the provider's own maxReplyBytes setting", async () => {
    server.handle(endless);
    const provider = createProvider(testDefinition, { baseURL: server.url, maxReplyBytes: 4096 });
    await expectClosedAt(server, provider.complete({ messages: [USER], tools: TEST_TOOLS }), 4096);
    await provider.close();
  });

  it('bounds the reply at 16 MiB by default, closing the request', async () => {
    server.handle(endless);
    const provider = createProvider(testDefinition, { baseURL: server.url });
    const reply = provider.complete({ messages: [USER], tools: TEST_TOOLS });
    await expectClosedAt(server, reply, DEFAULT_MAX_REPLY_BYTES);
    await provider.close();
  });
});

describe('a fallback chain with tools', () => {
  it('moves on to the next provider and yields its parts', async () => {
    replies = [`Let me check.\n${CALL}`];
    const chain = createFallback([site('down'), site('good')]);
    const parts = await partsOf(chain.stream({ messages: [USER], tools: TEST_TOOLS }));
    expect(parts).toEqual([{ type: 'text', text: 'Let me check.\n' }, WEATHER]);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/down/api/generate',
      '/good/api/generate',
    ]);
    expect(sentMessages()[1]).toEqual(buildToolPrompt({ messages: [USER], tools: TEST_TOOLS }));
    await chain.close();
  });

  it('resolves complete() with the text and calls of the provider that answered', async () => {
    replies = [CALL];
    const chain = createFallback([site('down'), site('good')]);
    const reply = await chain.complete({ messages: [USER], tools: TEST_TOOLS });
    expect(reply).toMatchObject({ text: '', toolCalls: [WEATHER] });
    await chain.close();
  });

  it('fails with a FallbackError when every provider fails', async () => {
    const chain = createFallback([site('down')]);
    const error = await chain
      .complete({ messages: [USER], tools: TEST_TOOLS })
      .catch((caught) => caught);
    expect(FallbackError.isInstance(error)).toBe(true);
    await chain.close();
  });

  it("bounds complete()'s reply at 16 MiB by default", async () => {
    server.handle(endless);
    const chain = createFallback([createProvider(testDefinition, { baseURL: server.url })]);
    const reply = chain.complete({ messages: [USER], tools: TEST_TOOLS });
    await expectClosedAt(server, reply, DEFAULT_MAX_REPLY_BYTES);
    await chain.close();
  });
});

// Checked by `pnpm typecheck` (tsc); at run time the functions below are never called.
describe('the types of stream() and complete()', () => {
  it('give text for a request without tools and parts for one with tools', () => {
    function check(provider: ProviderWithTools<'model-a'>, messages: Message[]) {
      expectTypeOf(provider.stream({ messages })).toEqualTypeOf<
        AsyncGenerator<string, void, undefined>
      >();
      expectTypeOf(provider.stream({ messages, tools: TEST_TOOLS })).toEqualTypeOf<
        AsyncGenerator<ToolStreamPart, void, undefined>
      >();
      expectTypeOf(provider.complete({ messages })).toEqualTypeOf<Promise<string>>();
      expectTypeOf(provider.complete({ messages, tools: [] })).toEqualTypeOf<Promise<ToolReply>>();
      // A request held in a variable picks its overload by its type too.
      const request = { messages, tools: TEST_TOOLS, toolChoice: 'auto' as const };
      expectTypeOf(provider.complete(request)).toEqualTypeOf<Promise<ToolReply>>();
    }
    expectTypeOf(check).toBeFunction();
  });

  it('take the transcript only in a request with tools', () => {
    function check(provider: ProviderWithTools, transcript: TranscriptMessage[]) {
      expectTypeOf(provider.stream).toBeCallableWith({ messages: transcript, tools: TEST_TOOLS });
      // @ts-expect-error A conversation with tool calls and results needs `tools`.
      provider.stream({ messages: transcript });
      // Tools that may be absent fit neither overload, held in a variable too: the reply's type
      // would be unknown.
      const maybe = { messages: [USER], tools: TEST_TOOLS as typeof TEST_TOOLS | undefined };
      // @ts-expect-error See above.
      provider.stream(maybe);
    }
    expectTypeOf(check).toBeFunction();
  });

  it('are what the factories and createFallback return, and still a Provider', () => {
    expectTypeOf<ReturnType<typeof createProvider<'a'>>>().toEqualTypeOf<ProviderWithTools<'a'>>();
    expectTypeOf<ReturnType<typeof createFallback>>().toEqualTypeOf<ProviderWithTools>();
    expectTypeOf<ProviderWithTools>().toExtend<Provider>();
  });
});
