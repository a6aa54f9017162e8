import type { Message } from '@freechat/core';
import { convertToGeminiMessages } from '@freechat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGenerate, signedBody, TEST_NOW } from '../../test/test-client.js';
import { sign } from '../../test/test-template-table.js';
import { GEMINI_QUOTA_MESSAGE, MODEL_API_QUOTA_BODY } from '../faults/fault-responses.js';
import { emulatedReplyText } from '../replies/emulated-reply.js';
import { type Emulator, startEmulator } from '../start-emulator.js';

const HELLO: Message[] = [{ role: 'user', content: 'Hello, deployment' }];

const SITES = {
  mine: { template: 'gemini-pro-chat', secret: 's3cret', password: 'alpha,beta' },
  demo: { template: 'chatgpt-demo' },
  aichatfree: { password: 'pw' },
} as const;

let emulator: Emulator<'free2gpt' | 'aichatfree' | 'gprochat' | 'freegpt' | 'mine' | 'demo'>;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => TEST_NOW, sites: SITES });
});

afterAll(async () => {
  await emulator.close();
});

function mineBody(pass: unknown) {
  return {
    messages: convertToGeminiMessages(HELLO),
    time: TEST_NOW,
    pass,
    sign: sign(TEST_NOW, 'Hello, deployment', 's3cret'),
  };
}

describe('deployments of your own', () => {
  it('serves each at {url}/{id}, beside the built-in sites, with its template', () => {
    expect(emulator.sites.mine).toBe(`${emulator.url}/mine`);
    expect(emulator.mirrors.demo).toEqual([`${emulator.url}/demo`]);
    expect(emulator.sites.free2gpt).toBe(`${emulator.url}/free2gpt`);
    expect(emulator.templates).toMatchObject({
      mine: 'gemini-pro-chat',
      demo: 'chatgpt-demo',
      aichatfree: 'gemini-pro-chat',
    });
  });

  it('answers with its secret and password, naming itself in the default reply', async () => {
    const logged = emulator.nextRequest();
    const reply = await postGenerate(emulator.sites.mine, mineBody('beta'));
    expect(reply).toMatchObject({ status: 200, text: emulatedReplyText('mine', HELLO) });
    expect(reply.text).toMatch(/^mine \(emulated\) here/);
    expect(await logged).toMatchObject({
      site: 'mine',
      baseURL: emulator.sites.mine,
      verdict: 'ok',
    });
    const refused = await postGenerate(emulator.sites.mine, mineBody('gamma'));
    expect(refused).toMatchObject({
      status: 401,
      text: '{"error":{"message":"Invalid password."}}',
    });
  });

  it("takes scenario steps by its id, in its template's form", async () => {
    emulator.scenario('demo', { fault: 'quota' });
    emulator.scenario('mine', { fault: 'quota' });
    const demo = await postGenerate(emulator.sites.demo, signedBody('free2gpt', HELLO));
    expect(demo).toMatchObject({ status: 429, text: MODEL_API_QUOTA_BODY });
    const mine = await postGenerate(emulator.sites.mine, mineBody('alpha'));
    expect(mine.status).toBe(500);
    expect(JSON.parse(mine.text)).toEqual({
      error: { code: 'Error', message: GEMINI_QUOTA_MESSAGE },
    });
  });

  it("overrides a built-in site's password, keeping the rest of the site", async () => {
    const body = signedBody('aichatfree', HELLO);
    expect((await postGenerate(emulator.sites.aichatfree, body)).status).toBe(401);
    const reply = await postGenerate(emulator.sites.aichatfree, { ...body, pass: 'pw' });
    expect(reply).toMatchObject({ status: 200, text: emulatedReplyText('aichatfree', HELLO) });
  });
});

describe('invalid deployments', () => {
  it.each([
    [{ 'My Site': { template: 'chatgpt-demo' } }, /invalid sites\.My Site: expected lowercase/],
    [{ mine: {} }, /invalid sites\.mine\.template: expected one of .*, got nothing/],
    [{ mine: { template: 'next-chat' } }, /expected one of "gemini-pro-chat", "chatgpt-demo"/],
    [{ mine: { template: 'chatgpt-demo', colour: 'red' } }, /sites\.mine\.colour: not a known/],
    [{ mine: { template: 'chatgpt-demo', password: 42 } }, /sites\.mine\.password: .*a number$/],
    [{ free2gpt: { template: 'gemini-pro-chat' } }, /which free2gpt runs/],
  ])('refuses %j before listening', async (sites, message) => {
    await expect(startEmulator({ sites: sites as never })).rejects.toThrow(message);
  });
});
