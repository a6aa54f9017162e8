import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValid, parseResponsesStream } from '../../test/test-responses-validator.js';
import { startTestServer, type TestServer } from '../../test/test-setup.js';

const MAX_REPLY_BYTES = 64 * 1024;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);

let test: TestServer;
beforeAll(async () => {
  test = await startTestServer({ server: { maxReplyBytes: MAX_REPLY_BYTES } });
});
afterAll(() => test.close());

/** Posts a JSON body to `/v1/responses`. */
function post(body: Record<string, unknown>) {
  return request(`${test.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'free2gpt', input: 'a reply, please', ...body }),
  });
}

describe('POST /v1/responses bounds a non-streaming reply by maxReplyBytes, as chat completions do', () => {
  it('cuts a longer reply off: the upstream request is closed and the client gets a 502 that says so', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { size: 64 * 1024 * 1024, chunkSize: 64 * 1024 });
    const upstream = test.emulator.nextRequest();
    const response = await post({});
    expect(response.statusCode).toBe(502);
    const body = await response.body.json();
    expectValid('ErrorResponse', body);
    expect(body).toMatchObject({
      error: {
        code: 'reply_too_large',
        message: expect.stringContaining(`maxReplyBytes (${MAX_REPLY_BYTES} bytes)`),
      },
    });
    const entry = await upstream;
    await entry.closed;
    expect(entry.clientClosed).toBe(true);
  });

  it('passes a reply of exactly maxReplyBytes', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { size: MAX_REPLY_BYTES });
    const response = await test.openai.responses.create({ model: 'free2gpt', input: 'Hi' });
    expect(Buffer.byteLength(response.output_text)).toBe(MAX_REPLY_BYTES);
  });
});

describe('max_output_tokens cuts a Response at the estimated token count, as max_tokens does', () => {
  it('non-streaming: status "incomplete", incomplete_details, the text and usage within the limit', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { text: ALPHABET });
    const response = await post({ max_output_tokens: 5 });
    expect(response.statusCode).toBe(200);
    const body = (await response.body.json()) as Record<string, unknown>;
    expectValid('Response', body);
    expect(body).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      completed_at: null,
      max_output_tokens: 5,
      output: [{ status: 'incomplete', content: [{ text: ALPHABET.slice(0, 20) }] }],
      usage: { output_tokens: 5 },
    });
  });

  it('the official client reads the incomplete Response', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { text: ALPHABET });
    const response = await test.openai.responses.create({
      model: 'free2gpt',
      input: 'Hi',
      max_output_tokens: 3,
    });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details?.reason).toBe('max_output_tokens');
    expect(response.output_text).toBe(ALPHABET.slice(0, 12));
  });

  it('streaming: the deltas stop at the limit and the stream ends with response.incomplete', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { text: ALPHABET, chunkSize: 3 });
    const response = await post({ max_output_tokens: 3, stream: true });
    expect(response.statusCode).toBe(200);
    const events = parseResponsesStream(await response.body.text());
    const deltas = events.filter((event) => event.event === 'response.output_text.delta');
    expect(deltas.map((event) => event.data.delta).join('')).toBe(ALPHABET.slice(0, 12));
    expect(events.map((event) => event.event)).not.toContain('response.completed');
    expect(events.at(-2)!.data).toMatchObject({
      type: 'response.output_item.done',
      item: { status: 'incomplete', content: [{ text: ALPHABET.slice(0, 12) }] },
    });
    expect(events.at(-1)!.data).toMatchObject({
      type: 'response.incomplete',
      response: {
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        max_output_tokens: 3,
        usage: { output_tokens: 3 },
      },
    });
  });

  it('closes the upstream request once the limit is reached', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { size: 64 * 1024 * 1024, chunkSize: 64 * 1024 });
    const upstream = test.emulator.nextRequest();
    const response = await test.openai.responses.create({
      model: 'free2gpt',
      input: 'Hi',
      max_output_tokens: 10,
      stream: true,
    });
    let last = '';
    for await (const event of response) last = event.type;
    expect(last).toBe('response.incomplete');
    const entry = await upstream;
    await entry.closed;
    expect(entry.clientClosed).toBe(true);
  });

  it('a reply within the limit completes as usual', async () => {
    test.emulator.reset();
    test.emulator.scenario('free2gpt', { text: 'short' });
    const response = await test.openai.responses.create({
      model: 'free2gpt',
      input: 'Hi',
      max_output_tokens: 100,
    });
    expect(response.status).toBe('completed');
    expect(response.incomplete_details).toBeNull();
    expect(response.max_output_tokens).toBe(100);
  });
});
