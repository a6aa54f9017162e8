import { buildToolPrompt, type Message, type TranscriptMessage } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { ONE_CALL_INSTRUCTION, ReplyPrompt } from './reply-prompt.js';

const tools = [{ name: 'get_weather', parameters: { type: 'object' } }];
const question: TranscriptMessage = { role: 'user', content: 'Weather?' };

/** The characters of a prompt. */
function characters(prompt: readonly Message[]): number {
  return prompt.reduce((sum, message) => sum + message.content.length, 0);
}

describe('ReplyPrompt', () => {
  it.each([
    [
      'no system message',
      [question],
      [{ role: 'system', content: ONE_CALL_INSTRUCTION }, question],
    ],
    [
      'an empty system message',
      [{ role: 'system', content: '' }, question],
      [{ role: 'system', content: ONE_CALL_INSTRUCTION }, question],
    ],
    [
      'a system message',
      [{ role: 'system', content: 'Be brief.' }, question],
      [{ role: 'system', content: `Be brief.\n\n${ONE_CALL_INSTRUCTION}` }, question],
    ],
  ] as [string, TranscriptMessage[], TranscriptMessage[]][])(
    'without parallel calls, with %s: joins the one-call sentence first, and counts what is sent',
    (_name, messages, joined) => {
      const sent = buildToolPrompt({ messages: joined, tools });
      const prompt = new ReplyPrompt({ messages, tools, parallelToolCalls: false });
      prompt.check(String);
      expect(prompt.toolPrompt.messages).toEqual(sent);
      expect(prompt.characters).toBe(characters(sent));
      const unchecked = new ReplyPrompt({ messages, tools, parallelToolCalls: false });
      expect(unchecked.characters).toBe(characters(sent));
    },
  );

  it('sends no one-call sentence when parallel calls are allowed or the choice is none', () => {
    for (const fields of [
      { parallelToolCalls: true },
      { parallelToolCalls: false, toolChoice: 'none' as const },
    ]) {
      const sent = buildToolPrompt({ messages: [question], tools, toolChoice: fields.toolChoice });
      const prompt = new ReplyPrompt({ messages: [question], tools, ...fields });
      expect(prompt.toolPrompt.messages).toEqual(sent);
      expect(prompt.characters).toBe(characters(sent));
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
