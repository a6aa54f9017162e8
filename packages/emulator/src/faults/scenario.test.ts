import type { Message } from '@freechat/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postGenerate, signedBody, TEST_NOW } from '../../test/test-client.js';
import { emulatedReplyText } from '../replies/emulated-reply.js';
import { type Emulator, startEmulator } from '../start-emulator.js';
import { SCENARIO_HEADER, scenarioHeaderValue } from './scenario-header.js';

const HELLO: Message[] = [{ role: 'user', content: 'Which step is this?' }];

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => TEST_NOW });
});

beforeEach(() => {
  emulator.reset();
});

afterAll(async () => {
  await emulator.close();
});

async function ask(baseURL: string, headers: Record<string, string> = {}) {
  return postGenerate(baseURL, signedBody('freegpt', HELLO), { headers });
}

describe('scenario queues', () => {
  it('takes the steps of a site in order, then answers normally', async () => {
    emulator.scenario('freegpt', { text: 'one' }, { fault: 'rate-limit' });
    emulator.scenario('freegpt', { text: 'three' });
    const [s, v, al, u4] = emulator.mirrors.freegpt;
    expect((await ask(s!)).text).toBe('one');
    expect((await ask(v!)).status).toBe(429);
    expect((await ask(al!)).text).toBe('three');
    expect((await ask(u4!)).text).toBe(emulatedReplyText('freegpt', HELLO));
  });

  it("serves a mirror's own queue before its site's, and only to that mirror", async () => {
    const [s, v] = emulator.mirrors.freegpt;
    emulator.scenario('freegpt', { text: 'site' });
    emulator.scenario(`${v}/`, { text: 'mirror v' });
    expect((await ask(s!)).text).toBe('site');
    expect((await ask(s!)).text).toBe(emulatedReplyText('freegpt', HELLO));
    expect((await ask(v!)).text).toBe('mirror v');
  });

  it("keeps each site's queue to itself", async () => {
    emulator.scenario('free2gpt', { text: 'for free2gpt' });
    const other = await postGenerate(emulator.sites.aichatfree, signedBody('aichatfree', HELLO));
    expect(other.text).toBe(emulatedReplyText('aichatfree', HELLO));
    const own = await postGenerate(emulator.sites.free2gpt, signedBody('free2gpt', HELLO));
    expect(own.text).toBe('for free2gpt');
  });

  it('lets the x-emulator-scenario header take precedence without consuming the queue', async () => {
    emulator.scenario('freegpt', { text: 'queued' });
    const headers = { [SCENARIO_HEADER]: scenarioHeaderValue({ text: 'from the header ✓' }) };
    expect((await ask(emulator.sites.freegpt, headers)).text).toBe('from the header ✓');
    expect((await ask(emulator.sites.freegpt)).text).toBe('queued');
  });

  it('rejects a malformed header with a 400 naming the problem', async () => {
    const notJson = await ask(emulator.sites.freegpt, { [SCENARIO_HEADER]: '{fault' });
    expect(notJson.status).toBe(400);
    expect(notJson.text).toContain('x-emulator-scenario: not valid JSON');
    const unknown = await ask(emulator.sites.freegpt, { [SCENARIO_HEADER]: '{"fault":"meteor"}' });
    expect(unknown.text).toContain('invalid step.fault: expected one of');
  });

  it('a queued reply step is spent on a rejected request; a fault step plays anyway, and the log says why the request was invalid', async () => {
    emulator.scenario('free2gpt', { text: 'spent' }, { fault: 'gateway-timeout' });
    const rejected = await postGenerate(emulator.sites.free2gpt, { not: 'valid' });
    expect(rejected.status).toBe(400);
    const fault = await postGenerate(emulator.sites.free2gpt, { not: 'valid' });
    expect(fault.status).toBe(504);
    const [first, second] = emulator.requests;
    expect(first).toMatchObject({ verdict: 'rejected', validation: first!.reason });
    expect(second).toMatchObject({ verdict: 'fault', reason: 'gateway-timeout' });
    expect(second!.validation).toBe(first!.validation);
    expect(second!.validation).toBe('messages is nothing.');
  });

  it('refuses unknown targets and malformed steps', () => {
    expect(() => emulator.scenario('chatgpt', { text: 'x' })).toThrow(/Unknown scenario target/);
    expect(() => emulator.scenario(`${emulator.url}/freegpt`, {})).toThrow(
      /Unknown scenario target/,
    );
    expect(() => emulator.scenario('free2gpt', { text: 'x', size: 3 })).toThrow(/not both/);
    expect(() =>
      emulator.scenario('free2gpt', { fault: 'truncated', text: 'xy', size: 3 }),
    ).toThrow(/not both/);
    expect(() => emulator.scenario('free2gpt', { chunkSize: 0 })).toThrow(/chunkSize/);
    expect(() => emulator.scenario('free2gpt', { text: 'x', colour: 'red' } as never)).toThrow(
      /colour/,
    );
  });

  it('reset() empties the queues and the log in place', async () => {
    const log = emulator.requests;
    emulator.scenario('freegpt', { text: 'forgotten' });
    await ask(emulator.sites.freegpt);
    emulator.scenario('freegpt', { text: 'forgotten too' });
    expect(log).toHaveLength(1);
    emulator.reset();
    expect(emulator.requests).toBe(log);
    expect(log).toHaveLength(0);
    expect((await ask(emulator.sites.freegpt)).text).toBe(emulatedReplyText('freegpt', HELLO));
  });
});
