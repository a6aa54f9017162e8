import type { ToolCallPart } from '@freechat/core';
import { describe, expect, it } from 'vitest';
import type { UpstreamPart } from './reply-parts.js';
import { type ReplyPiece, ReplySource, type ReplySourceOptions } from './reply-source.js';

const call = (name: string, args: Record<string, unknown> = {}): ToolCallPart => ({
  type: 'tool-call',
  id: `call_${name}`,
  name,
  arguments: args,
  argumentsText: JSON.stringify(args),
});

/** An upstream that yields `parts` and records whether it was closed before its end. */
function upstream(parts: readonly UpstreamPart[]) {
  const state = { closedEarly: false };
  async function* generate(): AsyncGenerator<UpstreamPart, void, undefined> {
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

async function read(parts: readonly UpstreamPart[], options: ReplySourceOptions = {}) {
  const { generator, state } = upstream(parts);
  const source = new ReplySource(generator, options);
  const out: ReplyPiece[] = [];
  for (let piece = await source.next(); piece !== undefined; piece = await source.next()) {
    out.push(piece);
  }
  return { out, finishReason: source.finishReason, stopSequence: source.stopSequence, state };
}

/** The bounds of a Messages reply: `max_tokens` counts the calls' input JSON with the text. */
const bounded = (maxCharacters: number): ReplySourceOptions => ({
  maxCharacters,
  callLength: (piece) => piece.argumentsText.length,
});

describe('ReplySource', () => {
  it('passes text and calls through, ending with tool_calls when a call was made', async () => {
    const weather = call('get_weather', { city: 'Paris' });
    const { out, finishReason, stopSequence } = await read([
      'Hi ',
      { type: 'text', text: 'there' },
      weather,
    ]);
    expect(out).toEqual(['Hi ', 'there', weather]);
    expect(finishReason).toBe('tool_calls');
    expect(stopSequence).toBeUndefined();
  });

  it('ends with stop without a call', async () => {
    expect(await read(['Hi'])).toMatchObject({ finishReason: 'stop', stopSequence: undefined });
  });

  it('names the stop sequence met, split across pieces, and closes the upstream request', async () => {
    const { out, finishReason, stopSequence, state } = await read(['one EN', 'D two', ' more'], {
      stops: ['two', 'END'],
    });
    expect(out.join('')).toBe('one ');
    expect(finishReason).toBe('stop');
    expect(stopSequence).toBe('END');
    expect(state.closedEarly).toBe(true);
  });

  it('names the first listed of two stop sequences met at the same place', async () => {
    const { stopSequence } = await read(['a STOPPED b'], { stops: ['STOPPED', 'STOP'] });
    expect(stopSequence).toBe('STOPPED');
    const { stopSequence: other } = await read(['a STOPPED b'], { stops: ['STOP', 'STOPPED'] });
    expect(other).toBe('STOP');
  });

  it('finds a stop sequence held back until the end of the reply', async () => {
    // 'STO' may begin 'STOP', so it is held; at the end, 'TO' in it is the stop.
    const { out, stopSequence } = await read(['abc', 'STO'], { stops: ['STOP', 'TO'] });
    expect(out.join('')).toBe('abcS');
    expect(stopSequence).toBe('TO');
  });

  it('lets held-back text out before a call', async () => {
    const weather = call('get_weather');
    const { out } = await read(['Checking S', weather], { stops: ['STOP'] });
    expect(out).toEqual(['Checking ', 'S', weather]);
  });

  it('drops a call after a stop sequence held back before it', async () => {
    const { out, finishReason, stopSequence } = await read(
      ['Checking ST', 'OP', call('get_weather')],
      { stops: ['STOP'] },
    );
    expect(out).toEqual(['Checking ']);
    expect(finishReason).toBe('stop');
    expect(stopSequence).toBe('STOP');
  });

  it('names a stop sequence met in the text after a call', async () => {
    const weather = call('get_weather');
    const { out, finishReason, stopSequence } = await read(['Look.', weather, 'then STOP'], {
      stops: ['STOP'],
    });
    expect(out).toEqual(['Look.', weather, 'then ']);
    expect(finishReason).toBe('tool_calls');
    expect(stopSequence).toBe('STOP');
  });

  it('cuts text at maxCharacters: length, upstream closed', async () => {
    const { out, finishReason, state } = await read(['abcdef', 'ghi'], { maxCharacters: 4 });
    expect(out).toEqual(['abcd']);
    expect(finishReason).toBe('length');
    expect(state.closedEarly).toBe(true);
  });

  it('never cuts inside a surrogate pair', async () => {
    const { out } = await read(['ab🚀cd'], { maxCharacters: 3 });
    expect(out).toEqual(['ab']);
  });

  it('says length, and no stop sequence, when the cut comes before a stop sequence in the same piece', async () => {
    const { finishReason, stopSequence } = await read(['abcdef STOP'], {
      maxCharacters: 3,
      stops: ['STOP'],
    });
    expect(finishReason).toBe('length');
    expect(stopSequence).toBeUndefined();
  });

  it('bounds only the text without callLength', async () => {
    const big = call('big', { text: 'x'.repeat(20) });
    const { out, finishReason } = await read(['ab', big], { maxCharacters: 10 });
    expect(out).toEqual(['ab', big]);
    expect(finishReason).toBe('tool_calls');
  });

  it('with callLength, leaves out a call whose input does not fit: length, upstream closed', async () => {
    const { out, finishReason, state } = await read(
      ['ab', call('big', { text: 'x'.repeat(20) }), 'more'],
      bounded(10),
    );
    expect(out).toEqual(['ab']);
    expect(finishReason).toBe('length');
    expect(state.closedEarly).toBe(true);
  });

  it('with callLength, counts a call that fits toward the text after it', async () => {
    const small = call('small', { a: 1 });
    // 'ab' and '{"a":1}' leave 3 of 12 characters.
    const { out, finishReason } = await read(['ab', small, 'cdefg'], bounded(12));
    expect(out).toEqual(['ab', small, 'cde']);
    expect(finishReason).toBe('length');
  });

  it('with maxToolCalls, leaves out later calls and goes on with the text', async () => {
    const first = call('first');
    const { out, finishReason, state } = await read([first, call('second'), 'after'], {
      maxToolCalls: 1,
    });
    expect(out).toEqual([first, 'after']);
    expect(finishReason).toBe('tool_calls');
    expect(state.closedEarly).toBe(false);
  });

  it('with endAfterCall, ends after the first call and closes the upstream request', async () => {
    const first = call('first');
    const { out, finishReason, state } = await read(['Checking S', first, call('second')], {
      stops: ['STOP'],
      endAfterCall: true,
    });
    expect(out).toEqual(['Checking ', 'S', first]);
    expect(finishReason).toBe('tool_calls');
    expect(state.closedEarly).toBe(true);
  });
});
