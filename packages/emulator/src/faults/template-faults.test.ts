import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Message } from '@freechat/core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseChunked,
  postGenerate,
  rawRequest,
  signedBody,
  TEST_NOW,
} from '../../test/test-client.js';
import { emulatedReplyBytes, emulatedReplyText } from '../replies/emulated-reply.js';
import { type Emulator, startEmulator } from '../start-emulator.js';
import {
  GEMINI_INVALID_KEY_MESSAGE,
  GEMINI_QUOTA_MESSAGE,
  MODEL_API_INVALID_KEY_BODY,
  MODEL_API_QUOTA_BODY,
} from './fault-responses.js';
import { partialReplyLength } from './partial-reply.js';
import { INTERNAL_ERROR_TAIL } from './play-fault.js';
import type { FaultStep } from './scenario-step.js';

const HELLO: Message[] = [{ role: 'user', content: 'Hello, model failures' }];
const TEXT_TYPE = 'text/plain;charset=UTF-8';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => TEST_NOW });
});

afterAll(async () => {
  await emulator.close();
});

/** Plays one fault on a site through undici and returns what it saw. */
async function play(step: FaultStep, site: 'free2gpt' | 'aichatfree' = 'aichatfree') {
  emulator.scenario(site, step);
  const logged = emulator.nextRequest();
  const reply = await postGenerate(emulator.sites[site], signedBody(site, HELLO));
  const entry = await logged;
  await entry.closed;
  expect(entry).toMatchObject({ verdict: 'fault', reason: step.fault, validation: 'ok' });
  return reply;
}

/** Plays a fault over a raw socket, returning the head, the chunks, the raw bytes and the socket's error. */
async function playRaw(step: FaultStep, site: 'free2gpt' | 'aichatfree' = 'aichatfree') {
  const logged = emulator.nextRequest();
  const exchange = await rawRequest(
    `${emulator.sites[site]}/api/generate`,
    JSON.stringify(signedBody(site, HELLO)),
    { headers: { 'x-emulator-scenario': JSON.stringify(step) } },
  );
  const entry = await logged;
  await entry.closed;
  return {
    ...parseChunked(exchange.received),
    raw: exchange.received,
    error: exchange.error,
    entry,
  };
}

function partial(site: 'free2gpt' | 'aichatfree', chunkSize = 16): Buffer {
  const whole = Buffer.from(emulatedReplyBytes(site, HELLO));
  return whole.subarray(0, partialReplyLength(whole.length, chunkSize));
}

describe("model-API failures before any text, in each template's form", () => {
  it("model-quota: GeminiProChat's 500 relaying Gemini's 429, typed as text", async () => {
    const reply = await play({ fault: 'model-quota' });
    expect(reply).toMatchObject({ status: 500, headers: { 'content-type': TEXT_TYPE } });
    expect(reply.text).toBe(
      JSON.stringify({ error: { code: 'Error', message: GEMINI_QUOTA_MESSAGE } }),
    );
  });

  it("model-quota: chatgpt-demo passes the model API's 429 through, untyped", async () => {
    const reply = await play({ fault: 'model-quota', retryAfter: 20 }, 'free2gpt');
    expect(reply.status).toBe(429);
    expect(reply.headers['content-type']).toBeUndefined();
    expect(reply.headers['retry-after']).toBe('20');
    expect(reply.text).toBe(MODEL_API_QUOTA_BODY);
  });

  it('fetch-failed: GeminiProChat relays the SDK error as its 500', async () => {
    const reply = await play({ fault: 'fetch-failed' });
    expect(reply).toMatchObject({ status: 500, headers: { 'content-type': TEXT_TYPE } });
    expect(JSON.parse(reply.text)).toEqual({
      error: {
        code: 'Error',
        message: '[GoogleGenerativeAI Error]: Error fetching from  fetch failed',
      },
    });
  });

  it("fetch-failed: chatgpt-demo's own 500, passed on untyped", async () => {
    const reply = await play({ fault: 'fetch-failed' }, 'free2gpt');
    expect(reply.status).toBe(500);
    expect(reply.headers['content-type']).toBeUndefined();
    expect(reply.text).toBe('{"error":{"code":"TypeError","message":"fetch failed"}}');
  });
});

describe("a deployment whose own model API key is refused, in each template's form", () => {
  it("invalid-api-key: GeminiProChat's 500 relaying Gemini's 400, typed as text", async () => {
    const reply = await play({ fault: 'invalid-api-key' });
    expect(reply).toMatchObject({ status: 500, headers: { 'content-type': TEXT_TYPE } });
    expect(reply.text).toBe(
      JSON.stringify({ error: { code: 'Error', message: GEMINI_INVALID_KEY_MESSAGE } }),
    );
    expect(GEMINI_INVALID_KEY_MESSAGE).toMatch(
      /^\[GoogleGenerativeAI Error\]: Error fetching from {2}\[400 Bad Request\] API key not valid\. Please pass a valid API key\. /,
    );
  });

  it("invalid-api-key: chatgpt-demo passes the model API's 401 through, untyped", async () => {
    const reply = await play({ fault: 'invalid-api-key' }, 'free2gpt');
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toBeUndefined();
    expect(reply.text).toBe(MODEL_API_INVALID_KEY_BODY);
    expect(JSON.parse(reply.text)).toMatchObject({ error: { code: 'invalid_api_key' } });
  });
});

describe('a model that returns nothing', () => {
  it.each(['aichatfree', 'free2gpt'] as const)(
    "%s: empty-reply is a 200 with the template's headers and no text, ended cleanly",
    async (site) => {
      const { head, chunks, terminated, error, entry } = await playRaw(
        { fault: 'empty-reply' },
        site,
      );
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(/content-type: text\/plain; charset=utf-8/i.test(head)).toBe(site === 'aichatfree');
      expect(/transfer-encoding: chunked/i.test(head)).toBe(true);
      expect(chunks).toEqual([]);
      expect(terminated).toBe(true);
      expect(error).toBeUndefined();
      expect(entry).toMatchObject({ status: 200, reason: 'empty-reply', clientClosed: false });
    },
  );
});

describe('model-API failures mid-reply', () => {
  it.each(['aichatfree', 'free2gpt'] as const)(
    '%s: internal-error-mid-reply sends the partial text, then "Internal server error", and ends cleanly',
    async (site) => {
      const { head, chunks, terminated, error, entry } = await playRaw(
        { fault: 'internal-error-mid-reply' },
        site,
      );
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(/content-type/i.test(head)).toBe(site === 'aichatfree');
      expect(terminated).toBe(true);
      expect(error).toBeUndefined();
      expect(Buffer.concat(chunks)).toEqual(
        Buffer.concat([partial(site), Buffer.from(INTERNAL_ERROR_TAIL)]),
      );
      expect(chunks.at(-1)!.toString()).toBe(INTERNAL_ERROR_TAIL);
      expect(entry).toMatchObject({ status: 200, clientClosed: false });
    },
  );

  it('stall-after-reply sends the whole reply and never ends it, until the client gives up', async () => {
    emulator.scenario('free2gpt', { fault: 'stall-after-reply' });
    const logged = emulator.nextRequest();
    const controller = new AbortController();
    const response = await request(`${emulator.sites.free2gpt}/api/generate`, {
      method: 'POST',
      body: JSON.stringify(signedBody('free2gpt', HELLO)),
      signal: controller.signal,
    });
    const whole = emulatedReplyText('free2gpt', HELLO);
    let text = '';
    const decoder = new TextDecoder();
    const iterator = response.body[Symbol.asyncIterator]();
    while (text.length < whole.length) {
      text += decoder.decode((await iterator.next()).value as Buffer, { stream: true });
    }
    expect(text).toBe(whole);
    const next = iterator.next();
    controller.abort();
    await expect(next).rejects.toThrow();
    const entry = await logged;
    await entry.closed;
    expect(entry).toMatchObject({ status: 200, clientClosed: true, reason: 'stall-after-reply' });
  });
});

describe('transport faults', () => {
  it('reset-close-delimited sends a Connection: close reply with no length, then resets', async () => {
    const { raw, error, entry } = await playRaw({ fault: 'reset-close-delimited' });
    const headEnd = raw.indexOf('\r\n\r\n');
    const head = raw.subarray(0, headEnd).toString('latin1').toLowerCase();
    expect(head).toMatch(/^http\/1\.1 200/);
    expect(head).toContain('connection: close');
    expect(head).not.toContain('transfer-encoding');
    expect(head).not.toContain('content-length');
    // What arrived before the reset is a prefix of the partial reply (a reset may drop unread bytes).
    const body = raw.subarray(headEnd + 4);
    expect(partial('aichatfree').subarray(0, body.length)).toEqual(body);
    // Once the bytes are read, the reset may surface as ECONNRESET or as a plain end, by timing.
    expect([undefined, 'ECONNRESET']).toContain(error?.code);
    expect(entry).toMatchObject({ status: 200, clientClosed: false });
  });

  it.each([
    ['gzip-reply', 'gzip', gunzipSync],
    ['br-reply', 'br', brotliDecompressSync],
  ] as const)(
    '%s streams the whole reply compressed, with its Content-Encoding',
    async (fault, encoding, decompress) => {
      const { head, chunks, terminated } = await playRaw({ fault, chunkSize: 7 });
      expect(head.toLowerCase()).toContain(`content-encoding: ${encoding}`);
      expect(terminated).toBe(true);
      expect(chunks.slice(0, -1).every((chunk) => chunk.length === 7)).toBe(true);
      expect(decompress(Buffer.concat(chunks))).toEqual(
        Buffer.from(emulatedReplyBytes('aichatfree', HELLO)),
      );
    },
  );

  it('no-content-type streams the whole reply with no content type, on a GeminiProChat site', async () => {
    const reply = await play({ fault: 'no-content-type' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBeUndefined();
    expect(reply.text).toBe(emulatedReplyText('aichatfree', HELLO));
  });

  it("a reply fault keeps the template's headers: none on chatgpt-demo", async () => {
    const reply = await play({ fault: 'trickle', delayMs: 0 }, 'free2gpt');
    expect(reply.headers['content-type']).toBeUndefined();
    const typed = await play({ fault: 'trickle', delayMs: 0 });
    expect(typed.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('refuses a reply too short to cut for the new mid-reply faults', () => {
    for (const fault of ['internal-error-mid-reply', 'reset-close-delimited'] as const) {
      expect(() => emulator.scenario('free2gpt', { fault, text: 'x' })).toThrow(/at least 2 bytes/);
    }
    expect(() => emulator.scenario('free2gpt', { fault: 'fetch-failed', text: 'xy' })).toThrow(
      /sends no reply/,
    );
  });
});
