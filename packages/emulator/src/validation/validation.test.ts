import { generateSignature, type Message } from '@freechat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGenerate, rawRequest, signedBody, TEST_NOW } from '../../test/test-client.js';
import { INVALID_HISTORY_MESSAGE, NO_INPUT_MESSAGE } from '../faults/rejection.js';
import { MAX_BODY_BYTES } from '../http/read-body.js';
import { SITE_IDS } from '../sites/site-id.js';
import { GPROCHAT_SECRET } from '../sites/site-profile.js';
import { type Emulator, startEmulator } from '../start-emulator.js';

const HELLO: Message[] = [{ role: 'user', content: 'Hello there' }];

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => TEST_NOW, strict: true });
});

afterAll(async () => {
  await emulator.close();
});

/** Posts a body and checks the rejection: its status, the site's message, and the detail, also in the log. */
async function expectRejection(
  baseURL: string,
  body: unknown,
  status: number,
  message: string,
  detail: RegExp,
  options: Parameters<typeof postGenerate>[2] = {},
) {
  const logged = emulator.nextRequest();
  const reply = await postGenerate(baseURL, body, options);
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toBe('text/plain;charset=UTF-8');
  const error = (JSON.parse(reply.text) as { error: { message: string; detail: string } }).error;
  expect(error.message).toBe(message);
  expect(error.detail).toMatch(detail);
  const entry = await logged;
  await entry.closed;
  expect(entry).toMatchObject({
    verdict: 'rejected',
    status,
    reason: error.detail,
    validation: error.detail,
  });
}

describe('accepted requests', () => {
  it.each(SITE_IDS)('%s accepts a well-signed text/plain body', async (site) => {
    const reply = await postGenerate(emulator.sites[site], signedBody(site, HELLO));
    expect(reply.status).toBe(200);
  });

  it('accepts application/json as well (the sites parse the body whatever its type)', async () => {
    const body = signedBody('free2gpt', HELLO);
    const headers = { 'content-type': 'application/json' };
    const reply = await postGenerate(emulator.sites.free2gpt, body, { headers });
    expect(reply.status).toBe(200);
  });

  it('accepts a time at the edge of the window', async () => {
    const body = signedBody('free2gpt', HELLO, TEST_NOW - 300_000);
    expect((await postGenerate(emulator.sites.free2gpt, body)).status).toBe(200);
  });
});

describe('signature and time', () => {
  it.each(SITE_IDS)('%s answers a wrong sign with its 401', async (site) => {
    const body = {
      ...signedBody(site, HELLO),
      sign: generateSignature(TEST_NOW, 'something else'),
    };
    await expectRejection(emulator.sites[site], body, 401, 'Invalid signature.', /does not match/);
  });

  it('names a GPROChat sign made without its secret', async () => {
    const body = signedBody('gprochat', HELLO);
    body.sign = generateSignature(TEST_NOW, 'Hello there');
    await expectRejection(
      emulator.sites.gprochat,
      body,
      401,
      'Invalid signature.',
      /without gprochat's secret/,
    );
  });

  it("names a Free2GPT sign made with GPROChat's secret", async () => {
    const body = signedBody('free2gpt', HELLO);
    body.sign = generateSignature(TEST_NOW, 'Hello there', GPROCHAT_SECRET);
    await expectRejection(
      emulator.sites.free2gpt,
      body,
      401,
      'Invalid signature.',
      /GPROChat's secret/,
    );
  });

  it.each(['free2gpt', 'aichatfree', 'gprochat'] as const)(
    '%s rejects a time in seconds (it counts milliseconds)',
    async (site) => {
      const seconds = Math.floor(TEST_NOW / 1000);
      const body = signedBody(site, HELLO, TEST_NOW);
      body.time = seconds;
      await expectRejection(
        emulator.sites[site],
        body,
        401,
        'Invalid signature.',
        /looks like seconds/,
      );
    },
  );

  it('freegpt rejects a time in milliseconds (it counts seconds), on every mirror', async () => {
    for (const mirror of emulator.mirrors.freegpt) {
      const body = signedBody('freegpt', HELLO);
      body.time = TEST_NOW;
      body.sign = generateSignature(TEST_NOW, 'Hello there');
      await expectRejection(mirror, body, 401, 'Invalid signature.', /looks like milliseconds/);
    }
  });

  it('rejects a time outside the window', async () => {
    const body = signedBody('free2gpt', HELLO, TEST_NOW - 300_001);
    await expectRejection(
      emulator.sites.free2gpt,
      body,
      401,
      'Invalid signature.',
      /300001 ms in the past/,
    );
  });

  it('rejects a non-integer time and a non-string sign with 400', async () => {
    const base = emulator.sites.free2gpt;
    const fractional = { ...signedBody('free2gpt', HELLO), time: TEST_NOW + 0.5 };
    await expectRejection(base, fractional, 400, 'Bad request.', /time must be an integer/);
    const numericSign = { ...signedBody('free2gpt', HELLO), sign: 42 };
    await expectRejection(base, numericSign, 400, 'Bad request.', /sign must be a string/);
  });
});

describe('message form', () => {
  it.each([
    ['free2gpt', 'Gemini', 'aichatfree', /Gemini form.*OpenAI form/],
    ['freegpt', 'Gemini', 'aichatfree', /Gemini form.*OpenAI form/],
    ['aichatfree', 'OpenAI', 'free2gpt', /OpenAI form.*Gemini form/],
    ['gprochat', 'OpenAI', 'free2gpt', /OpenAI form.*Gemini form/],
  ] as const)('%s rejects the %s form', async (site, _form, formOf, detail) => {
    const body = signedBody(formOf, HELLO);
    await expectRejection(emulator.sites[site], body, 400, 'Bad request.', detail);
  });

  it('gprochat rejects several messages (it takes one flattened message)', async () => {
    const body = signedBody('aichatfree', [
      ...HELLO,
      { role: 'assistant', content: 'Hi' },
      ...HELLO,
    ]);
    await expectRejection(
      emulator.sites.gprochat,
      body,
      400,
      'Bad request.',
      /exactly one message.*got 3/,
    );
  });

  it('aichatfree rejects OpenAI roles inside the Gemini form', async () => {
    const body = signedBody('aichatfree', HELLO);
    body.messages = [
      { role: 'assistant', parts: [{ text: 'x' }] },
      { role: 'user', parts: [{ text: 'Hello there' }] },
    ];
    await expectRejection(
      emulator.sites.aichatfree,
      body,
      400,
      'Bad request.',
      /messages\[0\]\.role must be 'user' or 'model'/,
    );
  });

  it('rejects an unknown role, a non-string content, several parts and an empty list', async () => {
    const base = emulator.sites.free2gpt;
    const role = { ...signedBody('free2gpt', HELLO), messages: [{ role: 'model', content: 'x' }] };
    await expectRejection(
      base,
      role,
      400,
      'Bad request.',
      /role must be 'system', 'user' or 'assistant'/,
    );
    const content = {
      ...signedBody('free2gpt', HELLO),
      messages: [{ role: 'user', content: ['x'] }],
    };
    await expectRejection(base, content, 400, 'Bad request.', /content must be a string/);
    const parts = signedBody('aichatfree', HELLO);
    parts.messages = [{ role: 'user', parts: [{ text: 'a' }, { text: 'b' }] }];
    await expectRejection(
      emulator.sites.aichatfree,
      parts,
      400,
      'Bad request.',
      /exactly one \{text\}/,
    );
    const empty = { ...signedBody('free2gpt', HELLO), messages: [] };
    await expectRejection(base, empty, 400, 'Bad request.', /non-empty array/);
    const emptyGemini = { ...signedBody('aichatfree', HELLO), messages: [] };
    await expectRejection(
      emulator.sites.aichatfree,
      emptyGemini,
      400,
      INVALID_HISTORY_MESSAGE,
      /non-empty array/,
    );
  });

  it("rejects a conversation whose last message is from the assistant (GeminiProChat with its template's message)", async () => {
    const messages: Message[] = [...HELLO, { role: 'assistant', content: 'Hi!' }];
    for (const site of ['free2gpt', 'aichatfree', 'freegpt'] as const) {
      const body = signedBody(site, messages);
      await expectRejection(
        emulator.sites[site],
        body,
        400,
        site === 'aichatfree' ? INVALID_HISTORY_MESSAGE : 'Bad request.',
        /last message must be from the user/,
      );
    }
  });

  it('gprochat rejects its one message with role model', async () => {
    const body = signedBody('gprochat', HELLO);
    body.messages = [{ role: 'model', parts: [{ text: 'Hello there' }] }];
    await expectRejection(
      emulator.sites.gprochat,
      body,
      400,
      INVALID_HISTORY_MESSAGE,
      /got role 'model'/,
    );
  });
});

describe('body keys and JSON', () => {
  it('rejects an extra key, naming it', async () => {
    const body = { ...signedBody('free2gpt', HELLO), model: 'gemini-1.5-pro' };
    await expectRejection(
      emulator.sites.free2gpt,
      body,
      400,
      'Bad request.',
      /unexpected keys: model/,
    );
  });

  it("rejects missing keys, naming them (missing messages with the template's message)", async () => {
    const { sign: _sign, pass: _pass, ...body } = signedBody('freegpt', HELLO);
    await expectRejection(emulator.sites.freegpt, body, 400, 'Bad request.', /missing: pass, sign/);
    const { messages: _messages, ...noMessages } = signedBody('freegpt', HELLO);
    await expectRejection(
      emulator.sites.freegpt,
      noMessages,
      400,
      NO_INPUT_MESSAGE,
      /missing: messages/,
    );
    const { messages: _geminiMessages, ...noGeminiMessages } = signedBody('gprochat', HELLO);
    await expectRejection(
      emulator.sites.gprochat,
      noGeminiMessages,
      400,
      INVALID_HISTORY_MESSAGE,
      /missing: messages/,
    );
  });

  it('rejects a pass that is not null', async () => {
    const body = { ...signedBody('free2gpt', HELLO), pass: 'secret' };
    await expectRejection(emulator.sites.free2gpt, body, 400, 'Bad request.', /pass must be null/);
  });

  it('rejects a body that is not JSON, or empty, or not an object', async () => {
    const base = emulator.sites.aichatfree;
    await expectRejection(base, '{"messages":', 400, 'Bad request.', /not valid JSON/);
    await expectRejection(base, '', 400, 'Bad request.', /empty/);
    await expectRejection(base, '[1,2]', 400, 'Bad request.', /must be a JSON object/);
  });
});

describe('routes', () => {
  const body = () => signedBody('free2gpt', HELLO);

  it('answers 404 for another path, a doubled slash and the bare FreeGpt prefix', async () => {
    await expectRejection(emulator.sites.free2gpt, body(), 404, 'Not found.', /Nothing at/, {
      path: '/api/chat',
    });
    await expectRejection(
      `${emulator.sites.free2gpt}/`,
      body(),
      404,
      'Not found.',
      /empty path segment/,
    );
    const bare = `${emulator.url}/freegpt`;
    await expectRejection(bare, body(), 404, 'Not found.', /its mirrors are/);
    await expectRejection(emulator.url, body(), 404, 'Not found.', /Nothing at/);
  });

  it('logs the path exactly as sent, so a doubled slash at the root shows in the log and the 404', async () => {
    const logged = emulator.nextRequest();
    const { received } = await rawRequest(emulator.url, JSON.stringify(body()), {
      path: '//api/generate?x=1',
    });
    expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 404/);
    const entry = await logged;
    expect(entry.path).toBe('//api/generate');
    expect(entry.reason).toBe(
      "//api/generate has an empty path segment (a base URL ending with '/'?).",
    );
  });

  it('checks the path and the method before the body size (404, 405, then 413)', async () => {
    const oversized = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const send = async (path: string, method = 'POST') => {
      const exchange = await rawRequest(emulator.url, oversized, { path, method });
      return exchange.received.toString('latin1');
    };
    expect(await send('/free2gpt/api/chat')).toMatch(/^HTTP\/1\.1 404/);
    expect(await send('/free2gpt/api/generate', 'PUT')).toMatch(/^HTTP\/1\.1 405/);
    const tooLarge = await send('/free2gpt/api/generate');
    expect(tooLarge).toMatch(/^HTTP\/1\.1 413/);
    expect(tooLarge).toContain('The body exceeds 64 MiB');
    expect(emulator.requests.at(-1)).toMatchObject({ verdict: 'rejected', rawBody: '' });
    expect(emulator.requests.at(-1)!.rawBytes).toHaveLength(0);
  }, 30_000);

  it('answers 405 with Allow: POST for another method', async () => {
    const reply = await postGenerate(emulator.sites.free2gpt, undefined, { method: 'GET' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
    const put = await postGenerate(emulator.sites.free2gpt, body(), { method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('logs the site and the mirror hit', async () => {
    const [, second] = emulator.mirrors.freegpt;
    const logged = emulator.nextRequest();
    await postGenerate(second!, signedBody('freegpt', HELLO));
    const entry = await logged;
    expect(entry).toMatchObject({
      site: 'freegpt',
      baseURL: second,
      method: 'POST',
      verdict: 'ok',
    });
    expect(entry.path).toBe('/freegpt/v/api/generate');
    expect(entry.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(entry.body).toEqual(JSON.parse(entry.rawBody));
    expect(entry.rawBytes.toString('utf8')).toBe(entry.rawBody);
    expect(entry.validation).toBe('ok');
  });

  it('keeps the body bytes as received, invalid UTF-8 included', async () => {
    const logged = emulator.nextRequest();
    const bytes = Buffer.from([0x7b, 0xff, 0xc3, 0x7d]);
    const { received } = await rawRequest(`${emulator.sites.free2gpt}/api/generate`, bytes);
    expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 400/);
    const entry = await logged;
    expect(entry.rawBytes).toEqual(bytes);
    expect(entry.rawBody).toBe('{\uFFFD\uFFFD}');
  });
});
