import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { openaiChatSpec } from './test-openai-chat-schema.js';

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(openaiChatSpec);

/** A tool call as a chat stream's chunks carry it, joined (by `index`) as OpenAI's clients join them. */
export interface StreamedToolCall {
  id: string;
  type: string;
  function: { name: string; arguments: string };
}

/** Asserts that `value` satisfies the definition `name` of the chat fixture (see the fixture). */
export function expectValidChat(
  name: 'ChatCompletion' | 'ChatCompletionChunk',
  value: unknown,
): void {
  const validate = ajv.getSchema(`${openaiChatSpec.$id}#/definitions/${name}`);
  if (validate === undefined) throw new Error(`no definition ${name} in the fixture`);
  const valid = validate(value);
  expect(valid ? [] : validate.errors, `${name}: ${JSON.stringify(value)}`).toEqual([]);
}

/** One parsed `chat.completion.chunk`, as far as these tests read it. */
export interface ParsedChunk {
  id: string;
  choices: {
    delta: {
      role?: string;
      content?: string | null;
      tool_calls?: {
        index: number;
        id?: string;
        type?: string;
        function?: { name?: string; arguments?: string };
      }[];
      function_call?: { name?: string; arguments?: string };
    };
    finish_reason: string | null;
  }[];
  usage?: unknown;
}

/**
 * Parses a raw chat completion stream and checks it: every event is `data: <JSON>`, the last
 * `data: [DONE]`, every other one a `chat.completion.chunk` valid against the fixture, all of one id.
 */
export function parseChatStream(body: string): ParsedChunk[] {
  expect(body.endsWith('\n\n')).toBe(true);
  const payloads = body
    .slice(0, -2)
    .split('\n\n')
    .map((event) => {
      expect(event.startsWith('data: ')).toBe(true);
      return event.slice('data: '.length);
    });
  expect(payloads.pop()).toBe('[DONE]');
  const chunks = payloads.map((payload) => JSON.parse(payload) as ParsedChunk);
  for (const chunk of chunks) expectValidChat('ChatCompletionChunk', chunk);
  expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  return chunks;
}

/**
 * The tool calls of a stream, joined by `index` as OpenAI's clients join them: the first delta of a
 * call must carry its id, its type and its function's name; later deltas add to its arguments.
 */
export function streamedToolCalls(chunks: readonly ParsedChunk[]): StreamedToolCall[] {
  const calls: StreamedToolCall[] = [];
  for (const chunk of chunks) {
    for (const delta of chunk.choices[0]?.delta.tool_calls ?? []) {
      const call = calls[delta.index];
      if (call === undefined) {
        expect(delta.index).toBe(calls.length);
        expect(delta).toMatchObject({ id: expect.any(String), type: 'function' });
        expect(delta.function?.name).toEqual(expect.any(String));
        calls.push({
          id: delta.id!,
          type: delta.type!,
          function: { name: delta.function!.name!, arguments: delta.function?.arguments ?? '' },
        });
      } else {
        expect(delta.id).toBeUndefined();
        call.function.arguments += delta.function?.arguments ?? '';
      }
    }
  }
  return calls;
}
