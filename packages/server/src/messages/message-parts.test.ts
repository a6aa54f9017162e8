import type { ToolCallPart, ToolStreamPart } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { type MessagePart, MessageParts, type MessagePartsOptions } from './message-parts.js';

const call = (name: string, args: Record<string, unknown> = {}): ToolCallPart => ({
  type: 'tool-call',
  id: `call_${name}`,
  name,
  arguments: args,
  argumentsText: JSON.stringify(args),
});

/** An upstream that yields `parts` and records whether it was closed before its end. */
function upstream(parts: readonly (string | ToolStreamPart)[]) {
  const state = { closedEarly: false };
  async function* generate(): AsyncGenerator<string | ToolStreamPart, void, undefined> {
    let done = false;
    try {
      yield* parts;
      done = true;
    } finally {
      if (!done) state.closedEarly = true;
    }
  }
  return { generator: generate(), state };
}

async function read(
  parts: readonly (string | ToolStreamPart)[],
  options: Partial<MessagePartsOptions> = {},
) {
  const { generator, state } = upstream(parts);
  const message = new MessageParts(generator, {
    stops: [],
    maxCharacters: 1000,
    singleToolUse: false,
    ...options,
  });
  const out: MessagePart[] = [];
  for (let part = await message.next(); part !== undefined; part = await message.next()) {
    out.push(part);
  }
  return { out, stop: message.stop, characters: message.characters, state };
}

describe('MessageParts', () => {
  it('passes text and calls through, ending with tool_use when a call was made', async () => {
    const weather = call('get_weather', { city: 'Paris' });
    const { out, stop, characters } = await read(['Hi ', { type: 'text', text: 'there' }, weather]);
    expect(out).toEqual(['Hi ', 'there', weather]);
    expect(stop).toEqual({ reason: 'tool_use', sequence: null });
    expect(characters).toBe('Hi there'.length + weather.argumentsText.length);
  });

  it('ends with end_turn without a call', async () => {
    expect((await read(['Hi'])).stop).toEqual({ reason: 'end_turn', sequence: null });
  });

  it('names the stop sequence met, split across pieces, and closes the upstream request', async () => {
    const { out, stop, state } = await read(['one EN', 'D two', ' more'], {
      stops: ['two', 'END'],
    });
    expect(out.join('')).toBe('one ');
    expect(stop).toEqual({ reason: 'stop_sequence', sequence: 'END' });
    expect(state.closedEarly).toBe(true);
  });

  it('names the first listed of two stop sequences met at the same place', async () => {
    const { stop } = await read(['a STOPPED b'], { stops: ['STOPPED', 'STOP'] });
    expect(stop.sequence).toBe('STOPPED');
    const { stop: other } = await read(['a STOPPED b'], { stops: ['STOP', 'STOPPED'] });
    expect(other.sequence).toBe('STOP');
  });

  it('finds a stop sequence held back until the end of the reply', async () => {
    // 'STO' may begin 'STOP', so it is held; at the end, 'TO' in it is the stop.
    const { out, stop } = await read(['abc', 'STO'], { stops: ['STOP', 'TO'] });
    expect(out.join('')).toBe('abcS');
    expect(stop).toEqual({ reason: 'stop_sequence', sequence: 'TO' });
  });

  it('lets held-back text out before a call', async () => {
    const weather = call('get_weather');
    const { out } = await read(['Checking S', weather], { stops: ['STOP'] });
    expect(out).toEqual(['Checking ', 'S', weather]);
  });

  it('drops a call after a stop sequence held back before it', async () => {
    const { out, stop } = await read(['Checking ST', 'OP', call('get_weather')], {
      stops: ['STOP'],
    });
    expect(out).toEqual(['Checking ']);
    expect(stop.reason).toBe('stop_sequence');
  });

  it('cuts text at maxCharacters: max_tokens, upstream closed', async () => {
    const { out, stop, state } = await read(['abcdef', 'ghi'], { maxCharacters: 4 });
    expect(out).toEqual(['abcd']);
    expect(stop).toEqual({ reason: 'max_tokens', sequence: null });
    expect(state.closedEarly).toBe(true);
  });

  it('never cuts inside a surrogate pair', async () => {
    const { out } = await read(['ab🚀cd'], { maxCharacters: 3 });
    expect(out).toEqual(['ab']);
  });

  it('says max_tokens when the cut comes before a stop sequence in the same piece', async () => {
    const { stop } = await read(['abcdef STOP'], { maxCharacters: 3, stops: ['STOP'] });
    expect(stop.reason).toBe('max_tokens');
  });

  it('leaves out a call whose input does not fit: max_tokens', async () => {
    const { out, stop } = await read(['ab', call('big', { text: 'x'.repeat(20) })], {
      maxCharacters: 10,
    });
    expect(out).toEqual(['ab']);
    expect(stop.reason).toBe('max_tokens');
  });

  it('with singleToolUse, ends after the first call and closes the upstream request', async () => {
    const first = call('first');
    const { out, stop, state } = await read([first, call('second')], { singleToolUse: true });
    expect(out).toEqual([first]);
    expect(stop.reason).toBe('tool_use');
    expect(state.closedEarly).toBe(true);
  });
});
