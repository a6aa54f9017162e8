import { describe, expect, it } from 'vitest';
import { ChatApiError } from './chat-api-error.js';
import { CONNECTION_LOST, readCompletionEvents } from './chat-event-stream.js';
import { MAX_TOOL_CALLS, type ToolCall } from './tool-calls.js';

/** A body delivered in exactly these byte pieces, then closed (or broken off with `error`). */
function body(pieces: (string | Uint8Array)[], error?: Error): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) {
        controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
      }
      if (error === undefined) controller.close();
      else controller.error(error);
    },
  });
}

function event(delta: object, finishReason: string | null = null): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}

function chunk(content: string, finishReason: string | null = null): string {
  return event({ content }, finishReason);
}

/** One `delta.tool_calls` element. */
function toolPiece(index: number, fields: { id?: string; name?: string; arguments?: string }) {
  const { id, name, arguments: text } = fields;
  return {
    index,
    ...(id === undefined ? {} : { id, type: 'function' }),
    function: {
      ...(name === undefined ? {} : { name }),
      ...(text === undefined ? {} : { arguments: text }),
    },
  };
}

async function read(stream: ReadableStream<Uint8Array>) {
  const texts: string[] = [];
  const toolCalls: ToolCall[][] = [];
  const finish = await readCompletionEvents(stream, {
    text: (text) => texts.push(text),
    toolCalls: (calls) => toolCalls.push(calls.map((call) => ({ ...call }))),
  });
  return { texts, toolCalls, finish };
}

describe('readCompletionEvents', () => {
  it('hands over each piece of text as it arrives, and the finish reason', async () => {
    const events = `${chunk('Hel')}${chunk('lo')}${chunk('', 'stop')}data: [DONE]\n\n`;
    // Split mid-event and mid-character (é is two bytes).
    const bytes = new TextEncoder().encode(`${chunk('é')}${events}`);
    const result = await read(body([bytes.slice(0, 40), bytes.slice(40, 41), bytes.slice(41)]));
    expect(result).toEqual({ texts: ['é', 'Hel', 'lo'], toolCalls: [], finish: 'stop' });
  });

  it('skips comments and accepts CRLF line ends', async () => {
    const result = await read(
      body([': keep-alive\r\n\r\n', chunk('a').replace(/\n/g, '\r\n'), 'data: [DONE]\r\n\r\n']),
    );
    expect(result).toEqual({ texts: ['a'], toolCalls: [], finish: null });
  });

  it('rejects with the server’s message for an error event', async () => {
    const error = { error: { message: 'free2gpt answered 500 Internal Server Error', type: 'x' } };
    const promise = read(
      body([chunk('partial'), `data: ${JSON.stringify(error)}\n\n`, 'data: [DONE]\n\n']),
    );
    await expect(promise).rejects.toThrow(
      new ChatApiError('free2gpt answered 500 Internal Server Error'),
    );
  });

  it('says the connection to the server was lost when the stream ends before [DONE]', async () => {
    await expect(read(body([chunk('cut')]))).rejects.toThrow(new ChatApiError(CONNECTION_LOST));
  });

  it('says the connection to the server was lost when the stream breaks off, not “network error”', async () => {
    const promise = read(body([chunk('cut')], new TypeError('network error')));
    await expect(promise).rejects.toThrow(new ChatApiError(CONNECTION_LOST));
    expect(CONNECTION_LOST).toMatch(/the connection to the freechat server was lost/i);
  });
});

describe('readCompletionEvents with tool calls', () => {
  it('puts each call together from its pieces, by index, as they arrive', async () => {
    const events = [
      event({
        role: 'assistant',
        content: null,
        tool_calls: [toolPiece(0, { id: 'call_1', name: 'get_weather', arguments: '' })],
      }),
      event({ tool_calls: [toolPiece(0, { arguments: '{"city":' })] }),
      event({ tool_calls: [toolPiece(0, { arguments: '"Paris"}' })] }),
      event({
        tool_calls: [toolPiece(1, { id: 'call_2', name: 'get_time', arguments: '{"zone":"CET"}' })],
      }),
      event({}, 'tool_calls'),
      'data: [DONE]\n\n',
    ];
    const result = await read(body(events));
    expect(result.finish).toBe('tool_calls');
    expect(result.texts).toEqual([]);
    // Each piece is handed over as it arrives: the arguments grow one piece at a time.
    expect(result.toolCalls.map((calls) => calls.map((call) => call.arguments))).toEqual([
      [''],
      ['{"city":'],
      ['{"city":"Paris"}'],
      ['{"city":"Paris"}', '{"zone":"CET"}'],
    ]);
    expect(result.toolCalls.at(-1)).toEqual([
      { id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'call_2', name: 'get_time', arguments: '{"zone":"CET"}' },
    ]);
  });

  it('keeps a call’s first id and name when later pieces repeat them or send them empty', async () => {
    const events = [
      event({ tool_calls: [toolPiece(0, { id: 'call_1', name: 'search', arguments: '{"q":' })] }),
      event({ tool_calls: [toolPiece(0, { id: 'call_1', name: 'search', arguments: '"x",' })] }),
      // Some servers send empty ones after the first piece.
      event({ tool_calls: [toolPiece(0, { id: '', name: '', arguments: '"n":1}' })] }),
      'data: [DONE]\n\n',
    ];
    const { toolCalls } = await read(body(events));
    expect(toolCalls.at(-1)).toEqual([
      { id: 'call_1', name: 'search', arguments: '{"q":"x","n":1}' },
    ]);
  });

  it('refuses pieces without a valid index, and an index past the bound', async () => {
    const withoutIndex = event({ tool_calls: [{ function: { name: 'x' } }] });
    await expect(read(body([withoutIndex]))).rejects.toThrow(/tool call the page cannot read/);
    const notAList = event({ tool_calls: { index: 0 } });
    await expect(read(body([notAList]))).rejects.toThrow(/not a list/);
    const tooFar = event({ tool_calls: [toolPiece(MAX_TOOL_CALLS, { name: 'x' })] });
    await expect(read(body([tooFar]))).rejects.toThrow(
      new ChatApiError(`The reply asked for more than ${MAX_TOOL_CALLS} tool calls.`),
    );
  });
});
