import type { ToolCallPart } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { CompletionChunks } from './completion-chunks.js';

const identity = {
  id: 'chatcmpl-1',
  created: 1_700_000_000,
  model: 'free2gpt',
  includeUsage: true,
};

/** The events of these chunk deltas, as JSON.stringify writes each whole chunk. */
function events(...deltas: object[]): string {
  return deltas
    .map((delta) => {
      const chunk = {
        id: identity.id,
        object: 'chat.completion.chunk',
        created: identity.created,
        model: identity.model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
        usage: null,
      };
      return `data: ${JSON.stringify(chunk)}\n\n`;
    })
    .join('');
}

// Names and arguments that JSON must escape: quotes, backslashes, control and non-ASCII characters.
const call: ToolCallPart = {
  type: 'tool-call',
  id: 'call_"1\\',
  name: 'look.up-ü',
  arguments: { query: 'line\nbreak "quoted" \u2028 😀' },
  argumentsText: '{"query":"line\\nbreak \\"quoted\\" \u2028 😀"}',
};

describe('CompletionChunks, the events of a call', () => {
  it('writes a tool call as JSON.stringify writes its two chunks (id, type and name; then the arguments)', () => {
    expect(new CompletionChunks(identity).toolCall(2, call)).toBe(
      events(
        {
          tool_calls: [
            {
              index: 2,
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: '' },
            },
          ],
        },
        { tool_calls: [{ index: 2, function: { arguments: call.argumentsText } }] },
      ),
    );
  });

  it('writes a deprecated function call the same way (the name; then the arguments)', () => {
    expect(new CompletionChunks(identity).functionCall(call)).toBe(
      events(
        { function_call: { name: call.name, arguments: '' } },
        { function_call: { arguments: call.argumentsText } },
      ),
    );
  });
});
