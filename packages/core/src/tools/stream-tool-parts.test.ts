import { beforeEach, describe, expect, it } from 'vitest';
import { useTestProvider } from '../../test/test-provider.js';
import { writeChunks } from '../../test/test-server.js';
import { compareParts, TEST_TOOLS } from '../../test/test-tools.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import type { Message } from '../messages/message.js';
import { completeWithTools } from './complete-with-tools.js';
import { PreparedToolPrompt } from './prepared-tool-prompt.js';
import { streamToolParts } from './stream-tool-parts.js';
import { ToolCallError } from './tool-call-error.js';
import type { ToolChatRequest } from './tool-chat-request.js';
import { toolCorrectionMessage } from './tool-correction.js';
import type { ToolParserPart } from './tool-part.js';
import { buildToolPrompt } from './tool-prompt.js';

const setup = useTestProvider({ maxRetries: 0 });

/** The replies the server gives, one per request, each written in 7-character pieces. */
let replies: string[];

beforeEach(() => {
  replies = [];
  setup.server.requests.length = 0;
  setup.server.handle((_request, response) => {
    const reply = replies.shift() ?? 'no reply left';
    const pieces = reply.match(/[\s\S]{1,7}/g) ?? [];
    return writeChunks(response, pieces);
  });
});

/** The conversation each request sent. */
function sentMessages(): Message[][] {
  return setup.server.requests.map((request) => JSON.parse(request.body).messages);
}

const USER: Message = { role: 'user', content: 'Weather in Paris?' };
const CALL = '```json\n{"tool_calls":[{"name":"get_weather","arguments":{"city":"Paris"}}]}\n```';
const BAD_CALL = '{"name":"get_weather","arguments":{"city":42}}';
const WEATHER = { type: 'tool-call', name: 'get_weather', arguments: { city: 'Paris' } };

async function run(
  request: Partial<ToolChatRequest> = {},
): Promise<ReturnType<typeof compareParts>> {
  const parts: ToolParserPart[] = [];
  for await (const part of streamToolParts(setup.provider, {
    messages: [USER],
    tools: TEST_TOOLS,
    ...request,
  })) {
    parts.push(part);
  }
  return compareParts(parts);
}

describe('streamToolParts', () => {
  it('sends the tool prompt and yields the text and the call of the reply', async () => {
    replies = [`Let me check.\n${CALL}`];
    expect(await run()).toEqual([{ type: 'text', text: 'Let me check.\n' }, WEATHER]);
    expect(sentMessages()).toEqual([buildToolPrompt({ messages: [USER], tools: TEST_TOOLS })]);
  });

  it("sends no tool text for toolChoice 'none', and yields the reply as text whatever it holds", async () => {
    replies = [CALL];
    expect(await run({ toolChoice: 'none' })).toEqual([{ type: 'text', text: CALL }]);
    expect(sentMessages()).toEqual([[USER]]);
  });

  it('asks once more, with what was wrong, when no call could be used, and yields the new call', async () => {
    replies = [`Sure. ${BAD_CALL}`, CALL];
    expect(await run()).toEqual([{ type: 'text', text: 'Sure. ' }, WEATHER]);
    const prompt = buildToolPrompt({ messages: [USER], tools: TEST_TOOLS });
    expect(sentMessages()[1]).toEqual([
      ...prompt,
      { role: 'assistant', content: `Sure. ${BAD_CALL}` },
      toolCorrectionMessage({
        kind: 'invalid-call',
        problems: ['get_weather: city: Instance type "number" is invalid. Expected "string".'],
      }),
    ]);
  });

  it("yields a call refused twice as its text, for 'auto'", async () => {
    replies = [BAD_CALL, BAD_CALL];
    expect(await run()).toEqual([{ type: 'text', text: BAD_CALL }]);
    expect(setup.server.requests).toHaveLength(2);
  });

  it("asks once more when a 'required' reply calls no tool, then yields both replies' parts", async () => {
    replies = ['I think it is sunny.', CALL];
    expect(await run({ toolChoice: 'required' })).toEqual([
      { type: 'text', text: 'I think it is sunny.' },
      WEATHER,
    ]);
    expect(sentMessages()[1]?.at(-1)).toEqual(
      toolCorrectionMessage({ kind: 'no-call', toolChoice: 'required' }),
    );
  });

  it("throws a ToolCallError when a 'required' reply calls no tool twice", async () => {
    replies = ['Sunny.', 'Still sunny.'];
    const error = await run({ toolChoice: 'required' }).catch((thrown: unknown) => thrown);
    expect(ToolCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'test',
      kind: 'no-call',
      attempts: 2,
      isRetryable: true,
      message:
        '[test] the model called no tool though the tool choice requires one (asked 2 times)',
    });
  });

  it('throws a ToolCallError naming the problems when a named tool is called wrongly twice', async () => {
    replies = ['{"name":"get_time"}', '{"name":"get_time"}'];
    const error = await run({ toolChoice: { type: 'tool', name: 'get_weather' } }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({
      kind: 'invalid-call',
      problems: ['get_time: this reply must call "get_weather" instead'],
      message:
        '[test] the model made no valid tool call though the tool choice requires one (asked 2 times):\n' +
        'get_time: this reply must call "get_weather" instead',
    });
    expect(sentMessages()[1]?.at(-1)).toEqual(
      toolCorrectionMessage({
        kind: 'invalid-call',
        problems: ['get_time: this reply must call "get_weather" instead'],
      }),
    );
  });

  it('does not ask again with maxToolRetries: 0', async () => {
    replies = ['Sunny.'];
    await expect(run({ toolChoice: 'required', maxToolRetries: 0 })).rejects.toMatchObject({
      kind: 'no-call',
      attempts: 1,
    });
    expect(setup.server.requests).toHaveLength(1);
  });

  it('does not ask again when a reply has a valid call beside a refused one, and yields the refused one as text', async () => {
    replies = [`${BAD_CALL}\n{"name":"get_time"}`];
    expect(await run()).toEqual([
      { type: 'tool-call', name: 'get_time', arguments: {} },
      { type: 'text', text: BAD_CALL },
    ]);
    expect(setup.server.requests).toHaveLength(1);
  });

  it('refuses bad input with an InvalidRequestError before any traffic', async () => {
    const connections = setup.server.connections();
    await expect(run({ toolChoice: { type: 'tool', name: 'nope' } })).rejects.toSatisfy(
      (error: unknown) => InvalidRequestError.isInstance(error),
    );
    await expect(run({ maxToolRetries: 4 })).rejects.toMatchObject({ field: 'maxToolRetries' });
    expect(setup.server.connections()).toBe(connections);
    expect(setup.server.requests).toHaveLength(0);
  });

  it('takes a prepared prompt as it is: sent as written, a retry built on it', async () => {
    replies = [BAD_CALL, `Sure.\n${CALL}`];
    const prompt = PreparedToolPrompt.of({ messages: [USER], tools: TEST_TOOLS }).withSystemNote(
      'Be brief.',
    );
    const parts: ToolParserPart[] = [];
    for await (const part of streamToolParts(setup.provider, { prompt })) parts.push(part);
    expect(compareParts(parts)).toEqual([{ type: 'text', text: 'Sure.\n' }, WEATHER]);
    const sent = buildToolPrompt({
      messages: [{ role: 'system', content: 'Be brief.' }, USER],
      tools: TEST_TOOLS,
    });
    expect(prompt.messages).toEqual(sent);
    const [first, second] = sentMessages();
    expect(first).toEqual(sent);
    expect(second!.slice(0, sent.length)).toEqual(sent);
  });

  it('checks a prepared prompt when it is made, before any traffic', () => {
    expect(() => PreparedToolPrompt.of({ messages: [], tools: TEST_TOOLS }, 'site')).toThrow(
      InvalidRequestError,
    );
    expect(setup.server.requests).toEqual([]);
  });

  it('refuses a prompt that is not prepared, or one sent beside the fields it replaces', async () => {
    const prompt = PreparedToolPrompt.of({ messages: [USER], tools: TEST_TOOLS });
    const first = (request: unknown) =>
      streamToolParts(setup.provider, request as ToolChatRequest).next();
    for (const request of [
      { prompt: { messages: [USER] } },
      { prompt, messages: [USER] },
      { prompt, tools: TEST_TOOLS },
    ]) {
      await expect(first(request)).rejects.toMatchObject({ field: 'prompt' });
    }
    // Not a TypeError of the `in` operator: the check's own error.
    for (const request of [null, 'Weather?']) {
      await expect(first(request)).rejects.toMatchObject({ name: 'InvalidRequestError' });
    }
    expect(setup.server.requests).toEqual([]);
  });
});

describe('completeWithTools', () => {
  it('gives the whole text and the calls', async () => {
    replies = [`Checking.\n${CALL}\nOne moment.`];
    const reply = await completeWithTools(setup.provider, { messages: [USER], tools: TEST_TOOLS });
    expect(reply.text).toBe('Checking.\n\nOne moment.');
    expect(reply.toolCalls).toMatchObject([{ name: 'get_weather', arguments: { city: 'Paris' } }]);
  });
});
