import { buildToolPrompt, type TranscriptMessage } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { ONE_CALL_INSTRUCTION, ReplyPrompt } from './reply-prompt.js';

const tools = [{ name: 'get_weather', parameters: { type: 'object' } }];
const question: TranscriptMessage = { role: 'user', content: 'Weather?' };

/** The characters of the prompt core builds for the conversation the prompt sends. */
function sentCharacters(prompt: ReplyPrompt): number {
  const sent = buildToolPrompt({
    messages: prompt.toolMessages(),
    tools: prompt.tools,
    toolChoice: prompt.toolChoice,
  });
  return sent.reduce((sum, message) => sum + message.content.length, 0);
}

describe('ReplyPrompt', () => {
  it.each([
    ['no system message', [question]],
    ['an empty system message', [{ role: 'system', content: '' }, question]],
    ['a system message', [{ role: 'system', content: 'Be brief.' }, question]],
  ] as [string, TranscriptMessage[]][])(
    'without parallel calls, with %s: joins the one-call sentence first, and counts what is sent',
    (_name, messages) => {
      const prompt = new ReplyPrompt({ messages, tools, parallelToolCalls: false });
      const [first] = prompt.toolMessages();
      expect(first!.role).toBe('system');
      expect(first!.content.endsWith(ONE_CALL_INSTRUCTION)).toBe(true);
      prompt.check(String);
      expect(prompt.characters).toBe(sentCharacters(prompt));
      expect(new ReplyPrompt({ messages, tools, parallelToolCalls: false }).characters).toBe(
        sentCharacters(prompt),
      );
    },
  );

  it('sends no one-call sentence when parallel calls are allowed or the choice is none', () => {
    for (const fields of [
      { parallelToolCalls: true },
      { parallelToolCalls: false, toolChoice: 'none' as const },
    ]) {
      const prompt = new ReplyPrompt({ messages: [question], tools, ...fields });
      expect(prompt.toolMessages()).toEqual([question]);
      expect(prompt.characters).toBe(sentCharacters(prompt));
    }
  });

  it('names a message at fault by its own index, the one-call sentence not counted', () => {
    const prompt = new ReplyPrompt({
      messages: [question, { role: 'assistant', content: 'Hm.' }],
      tools,
      parallelToolCalls: false,
    });
    const error = (() => {
      try {
        prompt.check((field) => `request.${field}`);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).body.error.param).toBe('request.messages[1].role');
  });

  it('a plain prompt goes without core’s tool module and has nothing to check', () => {
    const prompt = new ReplyPrompt({ messages: [question] });
    expect(prompt.usesTools).toBe(false);
    prompt.check(() => {
      throw new Error('not asked');
    });
    expect(prompt.characters).toBe(question.content.length);
  });
});
