import { formatPrompt } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { defaultReplyText, questionFromSignedText } from './default-reply.js';

describe('questionFromSignedText', () => {
  it("takes GPROChat's last User line out of a flattened conversation", () => {
    const prompt = formatPrompt([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'second\nline' },
    ]);
    expect(questionFromSignedText('gprochat', prompt)).toBe('second\nline');
    expect(questionFromSignedText('gprochat', 'User: only\nAssistant:')).toBe('only');
    expect(questionFromSignedText('gprochat', 'plain question')).toBe('plain question');
  });

  it("leaves the other sites' text alone", () => {
    expect(questionFromSignedText('free2gpt', 'User: x\nAssistant:')).toBe('User: x\nAssistant:');
  });
});

describe('defaultReplyText', () => {
  it('quotes a long question up to 200 characters, never splitting a surrogate pair', () => {
    const question = '🚀'.repeat(250);
    const reply = defaultReplyText('aichatfree', question);
    expect(reply).toContain(`"${'🚀'.repeat(200)}…"`);
    expect(reply).toContain('250 characters in 1 word.');
    expect(reply).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('counts an empty question as 0 characters in 0 words', () => {
    expect(defaultReplyText('free2gpt', '')).toContain(
      'You said: "". That is 0 characters in 0 words.',
    );
  });
});
