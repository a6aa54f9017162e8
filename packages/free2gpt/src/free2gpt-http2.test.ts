import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { ConnectionError, type Provider, type ProviderSettings } from '@freechat/core';
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
      lastKnownUp: false,
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

  it('gives the same typed error for a reply cut mid-way on HTTP/2 as on HTTP/1.1', async () => {
    for (const http2 of [false, true]) {
      const provider = createFree2GPT({ baseURL: emulator.sites.free2gpt, http2, maxRetries: 0 });
      for (const fault of ['reset-mid-reply', 'truncated', 'reset-close-delimited'] as const) {
        emulator.scenario('free2gpt', { fault, text: 'a reply that is cut short', chunkSize: 4 });
        let received = '';
        const error = await (async () => {
          for await (const text of provider.stream({ messages })) received += text;
        })().catch((caught: unknown) => caught);
        expect(ConnectionError.isInstance(error), `${fault}, http2: ${http2}`).toBe(true);
        // At most the part sent (the provider may hold back a start that could be a quota notice).
        expect('a reply that'.startsWith(received), `${fault}, http2: ${http2}`).toBe(true);
        expect(emulator.requests.at(-1)!.httpVersion).toBe(http2 ? '2.0' : '1.1');
      }
      await provider.close();
    }
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
