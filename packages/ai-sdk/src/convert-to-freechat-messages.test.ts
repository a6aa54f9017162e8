import {
  type LanguageModelV3ToolResultOutput,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { convertToFreechatMessages } from './convert-to-freechat-messages.js';

describe('convertToFreechatMessages', () => {
  it('keeps system, user and assistant text with their roles, in order', () => {
    expect(
      convertToFreechatMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Привет!' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Хорошо 🙂' }] },
        { role: 'user', content: [{ type: 'text', text: '2+2?' }] },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Привет!' },
      { role: 'assistant', content: 'Хорошо 🙂' },
      { role: 'user', content: '2+2?' },
    ]);
  });

  it('joins the text parts of one message as they are', () => {
    expect(
      convertToFreechatMessages([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'First line.\n' },
            { type: 'text', text: 'Second ' },
            { type: 'text', text: 'line.' },
          ],
        },
      ]),
    ).toEqual([{ role: 'user', content: 'First line.\nSecond line.' }]);
  });

  it('turns a message with no parts into empty content', () => {
    expect(convertToFreechatMessages([{ role: 'assistant', content: [] }])).toEqual([
      { role: 'assistant', content: '' },
    ]);
  });

  it('refuses an image part, naming it', () => {
    const convert = () =>
      convertToFreechatMessages([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'file', mediaType: 'image/png', data: new Uint8Array([1, 2, 3]) },
          ],
        },
      ]);
    expect(convert).toThrow(UnsupportedFunctionalityError);
    expect(convert).toThrow('image parts (image/png) in user messages');
  });

  it('refuses a file part', () => {
    expect(() =>
      convertToFreechatMessages([
        {
          role: 'user',
          content: [{ type: 'file', mediaType: 'application/pdf', data: 'JVBERi0=' }],
        },
      ]),
    ).toThrow(
      expect.objectContaining({ functionality: 'file parts (application/pdf) in user messages' }),
    );
  });

  it('refuses reasoning, provider-executed calls and tool results in assistant messages', () => {
    const refused = (
      part: Parameters<typeof convertToFreechatMessages>[0][number]['content'][number],
    ) => {
      try {
        convertToFreechatMessages([{ role: 'assistant', content: [part] } as never]);
      } catch (error) {
        expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
        return (error as UnsupportedFunctionalityError).functionality;
      }
      throw new Error('not refused');
    };
    expect(refused({ type: 'reasoning', text: 'hmm' })).toBe(
      'reasoning parts in assistant messages',
    );
    expect(
      refused({
        type: 'tool-call',
        toolCallId: 'call-1',
        toolName: 'web_search',
        input: {},
        providerExecuted: true,
      }),
    ).toBe('provider-executed tool calls in assistant messages');
    expect(
      refused({
        type: 'tool-result',
        toolCallId: 'call-1',
        toolName: 'weather',
        output: { type: 'text', value: 'sunny' },
      }),
    ).toBe('tool results in assistant messages');
  });

  it("turns an assistant's tool calls into its toolCalls, after its text", () => {
    expect(
      convertToFreechatMessages([
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check.' },
            {
              type: 'tool-call',
              toolCallId: 'call-1',
              toolName: 'weather',
              input: { city: 'Paris' },
            },
            { type: 'tool-call', toolCallId: 'call-2', toolName: 'time', input: '{"zone":"CET"}' },
          ],
        },
      ]),
    ).toEqual([
      {
        role: 'assistant',
        content: 'Let me check.',
        toolCalls: [
          { id: 'call-1', name: 'weather', arguments: { city: 'Paris' } },
          { id: 'call-2', name: 'time', arguments: { zone: 'CET' } },
        ],
      },
    ]);
  });

  it('turns each tool result into a tool turn, errors and denials marked', () => {
    const result = (output: LanguageModelV3ToolResultOutput) => ({
      type: 'tool-result' as const,
      toolCallId: 'call-1',
      toolName: 'weather',
      output,
    });
    expect(
      convertToFreechatMessages([
        {
          role: 'tool',
          content: [
            result({ type: 'text', value: 'sunny' }),
            result({ type: 'json', value: { temp: 21, sky: 'clear' } }),
            result({ type: 'error-text', value: 'no such city' }),
            result({ type: 'error-json', value: { code: 404 } }),
            result({ type: 'execution-denied', reason: 'not now' }),
            result({ type: 'execution-denied' }),
            result({
              type: 'content',
              value: [
                { type: 'text', text: 'line 1\n' },
                { type: 'text', text: 'line 2' },
              ],
            }),
          ],
        },
      ]),
    ).toEqual(
      [
        ['sunny'],
        ['{"temp":21,"sky":"clear"}'],
        ['no such city', true],
        ['{"code":404}', true],
        ['not now', true],
        ['The tool was not run: its execution was denied.', true],
        ['line 1\nline 2'],
      ].map(([content, isError]) => ({
        role: 'tool',
        toolCallId: 'call-1',
        toolName: 'weather',
        content,
        ...(isError === true ? { isError } : {}),
      })),
    );
  });

  it('refuses an image in a tool result and a tool approval', () => {
    expect(() =>
      convertToFreechatMessages([
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call-1',
              toolName: 'camera',
              output: {
                type: 'content',
                value: [{ type: 'image-url', url: 'https://x.test/a.png' }],
              },
            },
          ],
        },
      ]),
    ).toThrow(expect.objectContaining({ functionality: 'image-url parts in tool results' }));
    expect(() =>
      convertToFreechatMessages([
        {
          role: 'tool',
          content: [{ type: 'tool-approval-response', approvalId: 'a-1', approved: true }],
        },
      ]),
    ).toThrow(expect.objectContaining({ functionality: 'tool approvals in tool messages' }));
  });
});
