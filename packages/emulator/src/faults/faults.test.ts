import type { Message } from '@freechat/core';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseChunked,
  postGenerate,
  rawPost,
  rawRequest,
  signedBody,
  TEST_NOW,
} from '../../test/test-client.js';
import { emulatedReplyBytes, emulatedReplyText } from '../replies/emulated-reply.js';
import { generatedReplyChunks } from '../replies/generated-reply.js';
import { FREEGPT_QUOTA_TEXT } from '../sites/site-profile.js';
import { type Emulator, startEmulator } from '../start-emulator.js';
import { GEMINI_QUOTA_MESSAGE } from './fault-responses.js';
import { invalidUtf8DecodedText, invalidUtf8ReplyBytes } from './invalid-utf8-reply.js';
import { PARTIAL_REPLY_CHUNKS, partialReplyLength } from './partial-reply.js';
import type { FaultStep } from './scenario-step.js';

const HELLO: Message[] = [{ role: 'user', content: 'Hello, faults' }];

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => TEST_NOW });
});

afterAll(async () => {
  await emulator.close();
});

/** Plays one fault on free2gpt (or the given site) and returns what undici saw, and the log entry. */
async function play(
  step: FaultStep,
  site: 'free2gpt' | 'aichatfree' | 'gprochat' | 'freegpt' = 'free2gpt',
) {
  emulator.scenario(site, step);
  const logged = emulator.nextRequest();
  const reply = await postGenerate(emulator.sites[site], signedBody(site, HELLO));
  const entry = await logged;
  await entry.closed;
  expect(entry).toMatchObject({
    verdict: 'fault',
    reason: step.fault,
    validation: 'ok',
    status: reply.status,
  });
  return reply;
}

/** Plays a fault on free2gpt over a raw socket; returns the chunks received and the socket's error. */
async function playRaw(step: FaultStep) {
  const logged = emulator.nextRequest();
  const exchange = await rawRequest(
    `${emulator.sites.free2gpt}/api/generate`,
    JSON.stringify(signedBody('free2gpt', HELLO)),
    { headers: { 'x-emulator-scenario': JSON.stringify(step) } },
  );
  const entry = await logged;
  await entry.closed;
  expect(entry).toMatchObject({ verdict: 'fault', reason: step.fault, validation: 'ok' });
  return { ...parseChunked(exchange.received), error: exchange.error, entry };
}

/** The first bytes of HELLO's default reply on free2gpt. */
function replyStart(length: number): Buffer {
  return Buffer.from(emulatedReplyBytes('free2gpt', HELLO)).subarray(0, length);
}

/** Starts a request and returns it together with its log entry. */
async function start(step: FaultStep, signal?: AbortSignal) {
  emulator.scenario('free2gpt', step);
  const logged = emulator.nextRequest();
  const pending = request(`${emulator.sites.free2gpt}/api/generate`, {
    method: 'POST',
    body: JSON.stringify(signedBody('free2gpt', HELLO)),
    signal,
  });
  pending.catch(() => {});
  return { pending, entry: await logged };
}

describe('status faults', () => {
  it.each(['free2gpt', 'aichatfree', 'gprochat'] as const)(
    "%s: quota is GeminiProChat's 500 relaying Gemini's 429 Quota exceeded, typed as text",
    async (site) => {
      const reply = await play({ fault: 'quota' }, site);
      expect(reply.status).toBe(500);
      expect(reply.headers['content-type']).toBe('text/plain;charset=UTF-8');
      expect(JSON.parse(reply.text)).toEqual({
        error: { code: 'Error', message: GEMINI_QUOTA_MESSAGE },
      });
      expect(reply.text).toContain('[429 Too Many Requests] Quota exceeded');
    },
  );

  it('freegpt: quota is a 200 whose whole body is the quota text, split per chunkSize', async () => {
    const reply = await play({ fault: 'quota' }, 'freegpt');
    expect(reply).toMatchObject({ status: 200, text: FREEGPT_QUOTA_TEXT });
    expect(reply.headers['content-type']).toBeUndefined();
    emulator.scenario('freegpt', { fault: 'quota', chunkSize: 4 });
    const raw = await rawPost(
      `${emulator.sites.freegpt}/api/generate`,
      JSON.stringify(signedBody('freegpt', HELLO)),
    );
    const { chunks } = parseChunked(raw);
    expect(chunks.map((chunk) => chunk.length)).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(FREEGPT_QUOTA_TEXT);
  });

  it('rate-limit is a 429 with Retry-After 1 by default, or the given headers', async () => {
    const plain = await play({ fault: 'rate-limit' });
    expect(plain.status).toBe(429);
    expect(plain.headers['retry-after']).toBe('1');
    expect(plain.headers['retry-after-ms']).toBeUndefined();
    const both = await play({ fault: 'rate-limit', retryAfter: 7, retryAfterMs: 250 });
    expect(both.headers).toMatchObject({ 'retry-after': '7', 'retry-after-ms': '250' });
    const onlyMs = await play({ fault: 'rate-limit', retryAfterMs: 40 });
    expect(onlyMs.headers['retry-after']).toBeUndefined();
    expect(onlyMs.headers['retry-after-ms']).toBe('40');
  });

  it('server-error is a 500 {"error":{"code":…}} typed as text', async () => {
    const reply = await play({ fault: 'server-error' }, 'aichatfree');
    expect(reply.status).toBe(500);
    expect(reply.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(JSON.parse(reply.text)).toEqual({ error: { code: 'GoogleGenerativeAIError' } });
  });

  it.each([
    ['bad-gateway', 502],
    ['service-unavailable', 503],
    ['gateway-timeout', 504],
  ] as const)('%s is a %i', async (fault, status) => {
    const reply = await play({ fault, retryAfter: 3 });
    expect(reply.status).toBe(status);
    expect(reply.text).toContain(String(status));
    expect(reply.headers['retry-after']).toBe('3');
  });

  it('cloudflare is a 403 challenge page with Cloudflare headers', async () => {
    const reply = await play({ fault: 'cloudflare' }, 'gprochat');
    expect(reply.status).toBe(403);
    expect(reply.text).toContain('<title>Just a moment...</title>');
    expect(reply.text).toContain('cf-spinner-please-wait');
    expect(reply.headers.server).toBe('cloudflare');
    expect(reply.headers['cf-ray']).toMatch(/^[0-9a-f]{16}-[A-Z]{3}$/);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
  });

  it('cloudflare-520 is a 520 from Cloudflare', async () => {
    const reply = await play({ fault: 'cloudflare-520' }, 'freegpt');
    expect(reply.status).toBe(520);
    expect(reply.headers.server).toBe('cloudflare');
    expect(reply.text).toContain('520');
  });

  it('cloudflare-200 is the challenge page served with 200, as HTML', async () => {
    const reply = await play({ fault: 'cloudflare-200' }, 'freegpt');
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<title>Just a moment...</title>');
    expect(reply.headers).toMatchObject({ server: 'cloudflare', 'cf-mitigated': 'challenge' });
    expect(reply.headers['content-type']).toBe('text/html; charset=UTF-8');
  });

  it("html-page is a parked domain's page served with 200, as HTML", async () => {
    const reply = await play({ fault: 'html-page' }, 'aichatfree');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.text).toMatch(/^<!DOCTYPE html>/);
    expect(reply.text).toContain('<title>This domain is parked</title>');
  });

  it("invalid-signature is the site's 401, even for a well-signed request", async () => {
    const reply = await play({ fault: 'invalid-signature' });
    expect(reply.status).toBe(401);
    expect(reply.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(JSON.parse(reply.text)).toEqual({ error: { message: 'Invalid signature.' } });
  });
});

describe('a fault for an invalid request', () => {
  it('still plays the fault, and the log entry says what is wrong with the request', async () => {
    emulator.scenario('free2gpt', { fault: 'rate-limit' });
    const logged = emulator.nextRequest();
    const badlySigned = { ...signedBody('free2gpt', HELLO), sign: 'f'.repeat(64) };
    const reply = await postGenerate(emulator.sites.free2gpt, badlySigned);
    expect(reply.status).toBe(429);
    const entry = await logged;
    expect(entry).toMatchObject({ verdict: 'fault', reason: 'rate-limit' });
    expect(entry.validation).toMatch(/^sign "f+\.\.\. does not match/);
  });
});

describe('body faults', () => {
  it('invalid-utf8 streams broken UTF-8 that decodes to the documented text', async () => {
    const reply = await play({ fault: 'invalid-utf8', chunkSize: 5 });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(invalidUtf8DecodedText());
    expect(new TextDecoder().decode(invalidUtf8ReplyBytes())).toBe(invalidUtf8DecodedText());
    const raw = await rawPost(`${emulator.sites.free2gpt}/api/generate`, '{}', {
      'x-emulator-scenario': '{"fault":"invalid-utf8"}',
    });
    expect(Buffer.concat(parseChunked(raw).chunks)).toEqual(Buffer.from(invalidUtf8ReplyBytes()));
  });

  it('trickle sends the normal reply one byte per chunk', async () => {
    const step: FaultStep = { fault: 'trickle', delayMs: 0 };
    const reply = await play(step);
    expect(reply.text).toBe(emulatedReplyText('free2gpt', HELLO));
    const raw = await rawPost(
      `${emulator.sites.free2gpt}/api/generate`,
      JSON.stringify(signedBody('free2gpt', HELLO)),
      {
        'x-emulator-scenario': JSON.stringify({ fault: 'trickle', delayMs: 1 }),
      },
    );
    const { chunks, terminated } = parseChunked(raw);
    expect(terminated).toBe(true);
    expect(chunks.every((chunk) => chunk.length === 1)).toBe(true);
    expect(chunks.length).toBe(emulatedReplyBytes('free2gpt', HELLO).length);
  });

  it('truncated sends the first PARTIAL_REPLY_CHUNKS chunks, then ends without the terminating chunk', async () => {
    const { head, chunks, terminated, error } = await playRaw({ fault: 'truncated' });
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(terminated).toBe(false);
    expect(error).toBeUndefined();
    expect(chunks.map((chunk) => chunk.length)).toEqual(Array(PARTIAL_REPLY_CHUNKS).fill(16));
    expect(Buffer.concat(chunks)).toEqual(replyStart(16 * PARTIAL_REPLY_CHUNKS));
    await expect(play({ fault: 'truncated' })).rejects.toThrow();
  });

  it.each(['truncated', 'reset-mid-reply'] as const)(
    '%s with a chunkSize larger than the reply sends its first half only, in one chunk',
    async (fault) => {
      const whole = emulatedReplyBytes('free2gpt', HELLO).length;
      const { chunks, terminated } = await playRaw({ fault, chunkSize: 1024 });
      expect(terminated).toBe(false);
      expect(partialReplyLength(whole, 1024)).toBe(Math.floor(whole / 2));
      expect(chunks).toEqual([replyStart(Math.floor(whole / 2))]);
    },
  );

  it('a mid-reply fault cuts a fixed or generated reply the step gives', async () => {
    const fixed = await playRaw({ fault: 'truncated', text: 'abcdefghij', chunkSize: 2 });
    expect(fixed.chunks.map(String)).toEqual(['ab', 'cd', 'e']);
    const generated = await playRaw({ fault: 'truncated', size: 50_000_000, chunkSize: 5 });
    expect(Buffer.concat(generated.chunks)).toEqual(
      Buffer.concat([...generatedReplyChunks(1000)]).subarray(0, 15),
    );
    const trickled = await play({ fault: 'trickle', text: 'déjà', delayMs: 0 });
    expect(trickled.text).toBe('déjà');
  });

  it('refuses text or size on a fault that sends no reply, or a reply too short to cut', () => {
    expect(() => emulator.scenario('free2gpt', { fault: 'quota', text: 'x' })).toThrow(
      /sends no reply/,
    );
    expect(() => emulator.scenario('free2gpt', { fault: 'stall-mid-reply', size: 1 })).toThrow(
      /at least 2 bytes/,
    );
    expect(() => emulator.scenario('free2gpt', { fault: 'rate-limit', retryAfter: 1.5 })).toThrow(
      /retryAfter must be an integer/,
    );
  });
});

describe('connection faults', () => {
  it('reset-before-headers destroys the socket with no response', async () => {
    const { pending, entry } = await start({ fault: 'reset-before-headers' });
    await expect(pending).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/),
    });
    await entry.closed;
    expect(entry).toMatchObject({
      verdict: 'fault',
      reason: 'reset-before-headers',
      status: undefined,
      clientClosed: false,
    });
  });

  it('reset-mid-reply sends headers and the first chunks (a strict part of the reply), then resets', async () => {
    const { head, chunks, terminated, error, entry } = await playRaw({ fault: 'reset-mid-reply' });
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(Buffer.concat(chunks)).toEqual(replyStart(16 * PARTIAL_REPLY_CHUNKS));
    expect(16 * PARTIAL_REPLY_CHUNKS).toBeLessThan(emulatedReplyBytes('free2gpt', HELLO).length);
    expect(terminated).toBe(false);
    // Once the bytes are read, the reset may surface as ECONNRESET or as a plain end, by timing.
    expect([undefined, 'ECONNRESET']).toContain(error?.code);
    expect(entry).toMatchObject({ status: 200, clientClosed: false });

    const { pending, entry: undiciEntry } = await start({ fault: 'reset-mid-reply' });
    const response = await pending;
    expect(response.statusCode).toBe(200);
    await expect(response.body.text()).rejects.toThrow();
    await undiciEntry.closed;
    expect(undiciEntry).toMatchObject({ status: 200, clientClosed: false });
  });

  it("stall-before-headers never answers; the client's abort is logged as clientClosed", async () => {
    const controller = new AbortController();
    const { pending, entry } = await start({ fault: 'stall-before-headers' }, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await entry.closed;
    expect(entry).toMatchObject({ status: undefined, clientClosed: true });
    expect(entry.finishedAt).toBeGreaterThanOrEqual(entry.receivedAt);
  });

  it('stall-mid-reply sends a few chunks, then silence until the client gives up', async () => {
    const controller = new AbortController();
    const { pending, entry } = await start(
      { fault: 'stall-mid-reply', chunkSize: 4 },
      controller.signal,
    );
    const response = await pending;
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value as Buffer).toString('latin1').length).toBeGreaterThan(0);
    controller.abort();
    await expect(iterator.next()).rejects.toThrow();
    await entry.closed;
    expect(entry).toMatchObject({ status: 200, clientClosed: true, verdict: 'fault' });
  });
});
