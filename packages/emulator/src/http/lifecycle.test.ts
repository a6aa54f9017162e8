import { once } from 'node:events';
import { connect } from 'node:net';
import type { Message } from '@freechat/core';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGenerate, signedBody, TEST_NOW } from '../../test/test-client.js';
import { type Emulator, startEmulator } from '../start-emulator.js';

const HELLO: Message[] = [{ role: 'user', content: 'Are you still there?' }];

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: () => TEST_NOW, maxLogEntries: 3 });
});

afterAll(async () => {
  await emulator.close();
});

describe('the emulator', () => {
  it("serves on 127.0.0.1 with every site's base and FreeGpt's four mirrors", () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.sites).toEqual({
      free2gpt: `${emulator.url}/free2gpt`,
      aichatfree: `${emulator.url}/aichatfree`,
      gprochat: `${emulator.url}/gprochat`,
      freegpt: `${emulator.url}/freegpt/s`,
    });
    expect(emulator.mirrors.freegpt).toEqual(
      ['s', 'v', 'al', 'u4'].map((name) => `${emulator.url}/freegpt/${name}`),
    );
    expect(emulator.mirrors.gprochat).toEqual([emulator.sites.gprochat]);
  });

  it('keeps at most maxLogEntries requests, dropping the oldest', async () => {
    for (let index = 0; index < 5; index += 1) {
      await postGenerate(emulator.sites.free2gpt, signedBody('free2gpt', HELLO));
    }
    expect(emulator.requests).toHaveLength(3);
    const ids = emulator.requests.map((entry) => entry.id);
    expect(ids).toEqual([ids[0], ids[0]! + 1, ids[0]! + 2]);
    expect(emulator.requests.every((entry) => entry.finishedAt !== undefined)).toBe(true);
  });

  it('counts open connections', async () => {
    const agent = new Agent();
    const before = emulator.openConnections();
    const response = await request(`${emulator.sites.gprochat}/api/generate`, {
      method: 'POST',
      body: JSON.stringify(signedBody('gprochat', HELLO)),
      dispatcher: agent,
    });
    await response.body.text();
    expect(emulator.openConnections()).toBe(before + 1);
    await agent.destroy();
  });

  it('close() ends stalled connections and unfinished bodies promptly, and blames neither on the client', async () => {
    const agent = new Agent();
    emulator.scenario(
      'aichatfree',
      { fault: 'stall-before-headers' },
      { fault: 'stall-mid-reply' },
    );
    const logged = emulator.nextRequest();
    const send = () =>
      request(`${emulator.sites.aichatfree}/api/generate`, {
        method: 'POST',
        body: JSON.stringify(signedBody('aichatfree', HELLO)),
        dispatcher: agent,
      });
    const beforeHeaders = send();
    beforeHeaders.catch(() => {});
    const first = await logged;
    const midReply = await send();
    expect(midReply.statusCode).toBe(200);
    const { port } = new URL(emulator.url);
    const halfSent = connect(Number(port), '127.0.0.1');
    halfSent.on('error', () => {});
    halfSent.write(
      'POST /free2gpt/api/generate HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\nexpect: 100-continue\r\n\r\n{',
    );
    // The server answers 100 Continue as it hands the request to the emulator, which starts reading.
    await once(halfSent, 'data');
    const unfinished = emulator.nextRequest();
    expect(emulator.openConnections()).toBeGreaterThanOrEqual(3);
    await emulator.close();
    const cut = await unfinished;
    await cut.closed;
    expect(cut).toMatchObject({ verdict: 'rejected', clientClosed: false, status: undefined });
    expect(cut.reason).toMatch(/^The emulator closed the connection/);
    expect(emulator.openConnections()).toBe(0);
    await expect(beforeHeaders).rejects.toThrow();
    await expect(midReply.body.text()).rejects.toThrow();
    await first.closed;
    expect(first).toMatchObject({ clientClosed: false, status: undefined });
    await emulator.close();
    await agent.destroy();
  });
});
