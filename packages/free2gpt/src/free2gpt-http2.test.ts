import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import type { Provider, ProviderSettings } from '@freechat/core';
import { describeProviderConformance } from '@freechat/core/testing';
import { type Emulator, invalidUtf8ReplyBytes, startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFree2GPT } from './free2gpt-provider.js';

/**
 * Starts an emulator over TLS (HTTP/2 and HTTP/1.1) whose certificate this process trusts, in place of
 * the previous one's: each is made for 127.0.0.1, and two CAs of one name do not verify.
 */
async function startTrustedEmulator(strict: boolean): Promise<Emulator> {
  const emulator = await startEmulator({ strict, tls: true });
  setDefaultCACertificates([...getCACertificates('bundled'), emulator.certificate!]);
  return emulator;
}

const overHttp2 = (settings: ProviderSettings): Provider =>
  createFree2GPT({ ...settings, http2: true });

for (const strict of [true, false]) {
  describe(`over HTTP/2 (${strict ? 'strict' : 'default'} emulator)`, () => {
    describeProviderConformance({
      site: 'free2gpt',
      createProvider: overHttp2,
      startEmulator: () => startTrustedEmulator(strict),
      quota: 'status',
      working: false,
      invalidUtf8ReplyBytes,
    });
  });
}

describe('the http2 setting', () => {
  let emulator: Emulator;
  const messages = [{ role: 'user' as const, content: 'Hello over HTTP/2' }];

  beforeAll(async () => {
    emulator = await startTrustedEmulator(true);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('speaks HTTP/1.1 by default to a site that offers both, HTTP/2 when asked', async () => {
    const byDefault = createFree2GPT({ baseURL: emulator.sites.free2gpt });
    const http2 = overHttp2({ baseURL: emulator.sites.free2gpt });
    await byDefault.complete({ messages });
    await http2.complete({ messages });
    expect(emulator.requests.slice(-2).map((request) => request.httpVersion)).toEqual([
      '1.1',
      '2.0',
    ]);
    await byDefault.close();
    await http2.close();
  });

  it('carries many concurrent streams on one connection', async () => {
    const provider = overHttp2({ baseURL: emulator.sites.free2gpt });
    emulator.reset();
    const replies = await Promise.all(
      Array.from({ length: 150 }, () => provider.complete({ messages })),
    );
    expect(new Set(replies).size).toBe(1);
    expect(emulator.requests).toHaveLength(150);
    expect(emulator.requests.every((request) => request.httpVersion === '2.0')).toBe(true);
    expect(emulator.openConnections()).toBe(1);
    await provider.close();
  });

  it('releases the stream of every abandoned reply; the connection goes on', async () => {
    const provider = overHttp2({ baseURL: emulator.sites.free2gpt });
    emulator.reset();
    emulator.scenario(
      'free2gpt',
      ...Array.from({ length: 20 }, () => ({ fault: 'stall-mid-reply' as const })),
    );
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for await (const _text of provider.stream({ messages })) break;
      }),
    );
    await Promise.all(emulator.requests.map((request) => request.closed));
    expect(emulator.requests.map((request) => request.clientClosed)).toEqual(
      Array.from({ length: 20 }, () => true),
    );
    expect(await provider.complete({ messages })).not.toBe('');
    expect(emulator.openConnections()).toBe(1);
    await provider.close();
  });
});
