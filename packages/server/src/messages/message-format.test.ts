import type { ToolCallPart } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { expectAnthropicValid, parseMessageStream } from '../../test/test-anthropic-validator.js';
import type { WholeReply } from '../reply/reply-format.js';
import { ReplyPrompt } from '../reply/reply-prompt.js';
import type { FinishReason } from '../reply/reply-source.js';
import { MessageFormat } from './message-format.js';

const weather: ToolCallPart = {
  type: 'tool-call',
  id: 'call_abcdefghijklmnopqrstuvwx',
  name: 'get_weather',
  arguments: { city: 'Paris' },
  argumentsText: '{"city":"Paris"}',
};

/** 'Hi there' and the call's input JSON: 8 + 16 characters, 6 tokens (9 if the name counted). */
const reply: WholeReply = {
  text: 'Hi there',
  toolCalls: [weather],
  pieces: ['Hi there', weather],
};

/** What `reply` counts toward its usage: its text and the call's input JSON, as runReply counts them. */
const replyCharacters = 'Hi there'.length + '{"city":"Paris"}'.length;

function format(): MessageFormat {
  const prompt = new ReplyPrompt({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
  return new MessageFormat({ id: 'msg_1', model: 'free2gpt' }, prompt, 'req_1');
}

describe('MessageFormat', () => {
  it('gives the whole message: blocks in order, output tokens of the characters counted', () => {
    const message = format().body(reply, 'tool_calls', undefined, replyCharacters);
    expectAnthropicValid('Message', message);
    expect(message.content).toEqual([
      { type: 'text', text: 'Hi there', citations: null },
      {
        type: 'tool_use',
        id: 'toolu_abcdefghijklmnopqrstuvwx',
        name: 'get_weather',
        input: { city: 'Paris' },
        caller: { type: 'direct' },
      },
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 5, output_tokens: 6 });
  });

  it('streams the same message, its usage counted the same way', () => {
    const events = format();
    const body = events.head() + events.delta('Hi there') + events.toolCall(weather);
    const parsed = parseMessageStream(body + events.tail('tool_calls', undefined, replyCharacters));
    expect(parsed.map(({ event }) => event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(parsed.at(-2)!.data).toMatchObject({
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 5, output_tokens: 6 },
    });
  });

  it.each<[FinishReason, string | undefined, string, string | null]>([
    ['length', undefined, 'max_tokens', null],
    ['stop', 'END', 'stop_sequence', 'END'],
    ['tool_calls', 'END', 'stop_sequence', 'END'],
    ['tool_calls', undefined, 'tool_use', null],
    ['stop', undefined, 'end_turn', null],
  ])(
    'a reply that ended with %s (stop sequence %s) stops with %s',
    (reason, sequence, stopReason, stopSequence) => {
      const message = format().body(reply, reason, sequence, replyCharacters);
      expect(message).toMatchObject({ stop_reason: stopReason, stop_sequence: stopSequence });
      const delta = parseMessageStream(format().head() + format().tail(reason, sequence, 0)).at(
        -2,
      )!;
      expect(delta.data).toMatchObject({
        delta: { stop_reason: stopReason, stop_sequence: stopSequence },
      });
    },
  );
});
