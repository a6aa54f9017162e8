import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider } from './create-provider.js';
import { RateLimitError } from './errors/rate-limit-error.js';
import type { Provider } from './provider.js';
import { ReplyGuard } from './reply-guard.js';
import { testDefinition } from './test-definition.js';
import { startTestServer, type TestServer, writeChunks } from './test-server.js';

const quota = testDefinition.rateLimit!.replyText!;
let server: TestServer;
let provider: Provider;
const messages = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  server = await startTestServer();
  provider = createProvider(testDefinition, { baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await provider.close();
  await server.close();
});

async function receive(chunks: Uint8Array[]): Promise<{ pieces: string[]; error: unknown }> {
  server.handle((_request, response) => writeChunks(response, chunks));
  const pieces: string[] = [];
  try {
    for await (const text of provider.stream({ messages })) pieces.push(text);
    return { pieces, error: undefined };
  } catch (error) {
    return { pieces, error };
  }
}

function splitEvery(bytes: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size)
    parts.push(bytes.subarray(start, start + size));
  return parts;
}

describe('a spent-quota reply text', () => {
  for (const size of [1, 2, 4, 5, 64]) {
    it(`is a RateLimitError however the network splits it (${size}-byte chunks), with no text leaked`, async () => {
      const { pieces, error } = await receive(splitEvery(Buffer.from(quota), size));
      expect(pieces).toEqual([]);
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 200, quotaExhausted: true });
    });
  }

  it('lets a reply that merely starts like it pass through untouched', async () => {
    const reply = `${quota.slice(0, 3)}不是额度的问题`;
    const { pieces, error } = await receive(splitEvery(Buffer.from(reply), 2));
    expect(error).toBeUndefined();
    expect(pieces.join('')).toBe(reply);
  });

  it('passes a reply that is the text and more', async () => {
    const { pieces } = await receive([Buffer.from(quota), Buffer.from('!')]);
    expect(pieces.join('')).toBe(`${quota}!`);
  });

  it('releases held text the moment it can no longer be the message', () => {
    const guard = new ReplyGuard(quota);
    expect(guard.accept(quota.slice(0, 2))).toBe('');
    expect(guard.accept('X')).toBe(`${quota.slice(0, 2)}X`);
    expect(guard.accept('Y')).toBe('Y');
    expect(guard.matched).toBe(false);
  });

  it('holds nothing back of a reply that starts differently', () => {
    const guard = new ReplyGuard(quota);
    expect(guard.accept('Hello')).toBe('Hello');
  });
});
