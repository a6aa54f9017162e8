import { describe, expect, it } from 'vitest';
import { formatPrompt } from './format-prompt.js';
import { convertToGeminiMessages } from './gemini-message.js';

describe('formatPrompt', () => {
  it('drops empty and whitespace-only messages first, as the last original did', () => {
    expect(
      formatPrompt([
        { role: 'system', content: '' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: ' \n\t' },
        { role: 'user', content: 'again' },
      ]),
    ).toBe('User: hi\nUser: again\nAssistant:');
    expect(
      formatPrompt([
        { role: 'system', content: '  ' },
        { role: 'user', content: 'alone' },
      ]),
    ).toBe('alone');
    expect(formatPrompt([{ role: 'user', content: ' ' }])).toBe('');
  });

  it('gives a single message its content unchanged', () => {
    expect(formatPrompt([{ role: 'user', content: 'System: not a prefix' }])).toBe(
      'System: not a prefix',
    );
  });

  it('flattens several messages with capitalised roles and a closing Assistant:', () => {
    expect(
      formatPrompt([
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'again' },
      ]),
    ).toBe('System: be brief\nUser: hi\nAssistant: hello\nUser: again\nAssistant:');
  });
});

describe('convertToGeminiMessages', () => {
  it('maps assistant to model and system and user to user, one text part each', () => {
    expect(
      convertToGeminiMessages([
        { role: 'system', content: 's' },
        { role: 'user', content: 'u' },
        { role: 'assistant', content: 'a' },
      ]),
    ).toEqual([
      { role: 'user', parts: [{ text: 's' }] },
      { role: 'user', parts: [{ text: 'u' }] },
      { role: 'model', parts: [{ text: 'a' }] },
    ]);
  });
});
