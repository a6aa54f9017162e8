import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
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

  it('refuses reasoning, tool calls and tool results in assistant messages', () => {
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
      refused({ type: 'tool-call', toolCallId: 'call-1', toolName: 'weather', input: {} }),
    ).toBe('tool calls in assistant messages');
    expect(
      refused({
        type: 'tool-result',
        toolCallId: 'call-1',
        toolName: 'weather',
        output: { type: 'text', value: 'sunny' },
      }),
    ).toBe('tool results in assistant messages');
  });

  it('refuses a tool message', () => {
    expect(() =>
      convertToFreechatMessages([
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call-1',
              toolName: 'weather',
              output: { type: 'text', value: 'sunny' },
            },
          ],
        },
      ]),
    ).toThrow(expect.objectContaining({ functionality: 'tool messages' }));
  });
});
