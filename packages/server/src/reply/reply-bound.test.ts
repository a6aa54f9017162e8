import { DEFAULT_MAX_REPLY_BYTES } from '@freechat/core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-setup.js';
import { resolveServerOptions, type ServerOptions } from '../options.js';

const MAX_REPLY_BYTES = 64 * 1024;

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { maxReplyBytes: MAX_REPLY_BYTES } });
});
afterAll(() => test.close());

function ask(stream: boolean) {
  return request(`${test.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'free2gpt',
      stream,
      messages: [{ role: 'user', content: 'a long reply, please' }],
    }),
  });
}

interface ErrorBody {
  error: { message: string; type: string; code: string | null; param: string | null };
}

describe('maxReplyBytes, for a non-streaming request', () => {
  it('cuts a longer reply off: the upstream request is closed and the client gets a 502 that says so', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { size: 64 * 1024 * 1024, chunkSize: 64 * 1024 });
    const upstream = test.emulator.nextRequest();
    const response = await ask(false);
    expect(response.statusCode).toBe(502);
    const { error } = (await response.body.json()) as ErrorBody;
    expect(error).toEqual({
      type: 'upstream_error',
      code: 'reply_too_large',
      param: null,
      message: expect.stringContaining(`maxReplyBytes (${MAX_REPLY_BYTES} bytes)`),
    });
    const entry = await upstream;
    await entry.closed;
    expect(entry.clientClosed).toBe(true);
  });

  it('counts UTF-8 bytes, not characters: one byte over is refused', async () => {
    test.emulator.reset();
    // The generated reply mixes 1- to 4-byte characters: fewer characters than bytes.
    test.emulator.scenario('free2gpt', { size: MAX_REPLY_BYTES + 1 });
    const response = await ask(false);
    expect(response.statusCode).toBe(502);
    expect(((await response.body.json()) as ErrorBody).error.code).toBe('reply_too_large');
  });

  it('passes a reply of exactly maxReplyBytes', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { size: MAX_REPLY_BYTES });
    const response = await ask(false);
    expect(response.statusCode).toBe(200);
    const body = (await response.body.json()) as { choices: { message: { content: string } }[] };
    expect(Buffer.byteLength(body.choices[0]!.message.content)).toBe(MAX_REPLY_BYTES);
  });

  it('does not bound a streaming reply', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { size: 4 * MAX_REPLY_BYTES, chunkSize: 4096 });
    const response = await ask(true);
    expect(response.statusCode).toBe(200);
    const events = await response.body.text();
    expect(events).not.toContain('reply_too_large');
    expect(events.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});

describe('the maxReplyBytes option', () => {
  it('defaults to 16 MiB', () => {
    expect(DEFAULT_MAX_REPLY_BYTES).toBe(16 * 1024 * 1024);
    expect(resolveServerOptions({}).maxReplyBytes).toBe(DEFAULT_MAX_REPLY_BYTES);
  });

  for (const [value, shown] of [
    [0, '0'],
    [-1, '-1'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    ['1024', '"1024"'],
  ]) {
    it(`refuses ${shown}`, () => {
      expect(() =>
        resolveServerOptions({ maxReplyBytes: value } as unknown as ServerOptions),
      ).toThrow(
        `[server] invalid maxReplyBytes: expected a whole number of bytes from 1 to 9007199254740991, got ${shown}`,
      );
    });
  }
});
