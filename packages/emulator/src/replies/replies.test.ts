import { createHash } from 'node:crypto';
import type { Message } from '@freechat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseChunked,
  postGenerate,
  rawPost,
  signedBody,
  TEST_NOW,
} from '../../test/test-client.js';
import { SCENARIO_HEADER, scenarioHeaderValue } from '../faults/scenario-header.js';
import { SITE_IDS } from '../sites/site-id.js';
import { type Emulator, startEmulator } from '../start-emulator.js';
import { emulatedReplyBytes, emulatedReplyText } from './emulated-reply.js';
import { generatedReplySha256 } from './generated-reply.js';

const CONVERSATION: Message[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'What is the capital of France?' },
  { role: 'assistant', content: 'Paris.' },
  { role: 'user', content: 'And of Japan? 日本 🗾' },
];

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => TEST_NOW });
});

afterAll(async () => {
  await emulator.close();
});

describe('the default reply', () => {
  it.each(SITE_IDS)('%s answers a conversation with its exact default reply', async (site) => {
    const reply = await postGenerate(emulator.sites[site], signedBody(site, CONVERSATION));
    expect(reply.status).toBe(200);
    // GeminiProChat types its reply; chatgpt-demo sends none.
    expect(reply.headers['content-type']).toBe(
      emulator.templates[site] === 'gemini-pro-chat' ? 'text/plain; charset=utf-8' : undefined,
    );
    expect(reply.headers['transfer-encoding']).toBe('chunked');
    expect(reply.text).toBe(emulatedReplyText(site, CONVERSATION));
  });

  it("names the site and quotes the last question, GPROChat's flattened prompt included", () => {
    for (const site of SITE_IDS) {
      const text = emulatedReplyText(site, CONVERSATION);
      expect(text).toContain('(emulated) here. You said: "And of Japan? 日本 🗾".');
    }
    expect(emulatedReplyText('gprochat', CONVERSATION)).toMatch(/^GPROChat \(emulated\)/);
    expect(emulatedReplyText('freegpt', [{ role: 'user', content: 'hi' }])).toBe(
      'FreeGpt (emulated) here. You said: "hi". That is 2 characters in 1 word. No model was asked: ' +
        'this reply is made locally — déjà vu, 日本語のテキスト, 🚀✨. Have a good day!',
    );
  });

  it('answers on every FreeGpt mirror', async () => {
    for (const mirror of emulator.mirrors.freegpt) {
      const reply = await postGenerate(mirror, signedBody('freegpt', CONVERSATION));
      expect(reply.text).toBe(emulatedReplyText('freegpt', CONVERSATION));
    }
  });
});

describe('chunking', () => {
  it('writes chunkSize-byte chunks that split a 4-byte character, and a client reassembles it', async () => {
    const text = 'a🚀b🎉';
    const body = JSON.stringify(signedBody('free2gpt', CONVERSATION));
    const raw = await rawPost(`${emulator.sites.free2gpt}/api/generate`, body, {
      [SCENARIO_HEADER]: scenarioHeaderValue({ text, chunkSize: 3 }),
    });
    const { head, chunks, terminated } = parseChunked(raw);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(terminated).toBe(true);
    expect(chunks.map((chunk) => chunk.length)).toEqual([3, 3, 3, 1]);
    expect(chunks[0]).toEqual(Buffer.from([0x61, 0xf0, 0x9f]));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);

    emulator.scenario('free2gpt', { text, chunkSize: 2 });
    const reply = await postGenerate(emulator.sites.free2gpt, JSON.parse(body));
    expect(reply.text).toBe(text);
  });

  it("uses the emulator's chunkSize by default (16 bytes)", async () => {
    const body = JSON.stringify(signedBody('aichatfree', CONVERSATION));
    const raw = await rawPost(`${emulator.sites.aichatfree}/api/generate`, body);
    const { chunks } = parseChunked(raw);
    const expected = Buffer.from(emulatedReplyBytes('aichatfree', CONVERSATION));
    expect(Buffer.concat(chunks)).toEqual(expected);
    expect(chunks.slice(0, -1).every((chunk) => chunk.length === 16)).toBe(true);
  });

  it('paces chunks with delayMs', async () => {
    emulator.scenario('gprochat', { text: 'abcd', chunkSize: 1, delayMs: 15 });
    const started = performance.now();
    const reply = await postGenerate(emulator.sites.gprochat, signedBody('gprochat', CONVERSATION));
    expect(reply.text).toBe('abcd');
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
  });
});

describe('fixed and generated replies', () => {
  it('sends a fixed text, empty included', async () => {
    emulator.scenario('freegpt', { text: 'Bonjour 👋' }, { text: '' });
    const body = signedBody('freegpt', CONVERSATION);
    expect((await postGenerate(emulator.sites.freegpt, body)).text).toBe('Bonjour 👋');
    const empty = await postGenerate(emulator.sites.freegpt, body);
    expect(empty).toMatchObject({ status: 200, text: '' });
  });

  it('sends a generated reply of exactly `size` bytes whose sha256 is known up front', async () => {
    const size = 1_000_003;
    emulator.scenario('free2gpt', { size, chunkSize: 65_536 });
    const reply = await postGenerate(emulator.sites.free2gpt, signedBody('free2gpt', CONVERSATION));
    expect(Buffer.byteLength(reply.text)).toBe(size);
    expect(reply.text).not.toContain('\uFFFD');
    expect(createHash('sha256').update(reply.text).digest('hex')).toBe(generatedReplySha256(size));
    expect(emulatedReplyText('free2gpt', CONVERSATION, { size })).toBe(reply.text);
  });
});
