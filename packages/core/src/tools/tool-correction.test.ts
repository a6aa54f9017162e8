import { describe, expect, it } from 'vitest';
import { ToolCallError } from './tool-call-error.js';
import { toolCorrectionMessage } from './tool-correction.js';

describe('toolCorrectionMessage', () => {
  it('lists what was wrong with the calls and asks for the corrected call', () => {
    expect(
      toolCorrectionMessage({
        kind: 'invalid-call',
        problems: [
          'get_weather: city: Instance type "number" is invalid. Expected "string".',
          'call 2 names no tool',
        ],
      }),
    ).toEqual({
      role: 'user',
      content:
        'Your tool call could not be used:\n' +
        '- get_weather: city: Instance type "number" is invalid. Expected "string".\n' +
        '- call 2 names no tool\n' +
        'Reply again with only the corrected call, as one fenced JSON block in the tool_calls format given above.',
    });
  });

  it("asks for a call when a 'required' reply made none", () => {
    expect(toolCorrectionMessage({ kind: 'no-call', toolChoice: 'required' }).content).toBe(
      'Your reply called no tool, but this reply must call at least one. Reply with only the call, as one fenced JSON block in the tool_calls format given above.',
    );
  });

  it('asks for the named tool when a reply did not call it', () => {
    expect(
      toolCorrectionMessage({ kind: 'no-call', toolChoice: { type: 'tool', name: 'search' } })
        .content,
    ).toBe(
      'Your reply did not call the tool "search", but this reply must. Reply with only that call, as one fenced JSON block in the tool_calls format given above.',
    );
  });
});

describe('ToolCallError', () => {
  it('carries its facts and composes its message from them', () => {
    const error = new ToolCallError({ provider: 'p', kind: 'no-call', problems: [], attempts: 1 });
    expect(error).toMatchObject({
      name: 'ToolCallError',
      provider: 'p',
      kind: 'no-call',
      attempts: 1,
      isRetryable: true,
      message: '[p] the model called no tool though the tool choice requires one (asked once)',
    });
    expect(ToolCallError.isInstance(error)).toBe(true);
    expect(ToolCallError.isInstance(new Error('x'))).toBe(false);
  });
});
