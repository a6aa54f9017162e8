import { describe, expect, it } from 'vitest';
import { cutAt } from '../../test/test-byte-cuts.js';
import { testDefinition } from '../../test/test-definition.js';
import { useTestProvider } from '../../test/test-provider.js';
import { writeChunks } from '../../test/test-server.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { QuotaPrefixGuard } from './quota-prefix-guard.js';

const quota = testDefinition.rateLimit!.replyPrefix!;
const forms = [quota, `${quota}, 请尝试更换网络环境`];
const setup = useTestProvider({ maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];

async function receive(chunks: Uint8Array[]): Promise<{ pieces: string[]; error: unknown }> {
  setup.server.handle((_request, response) => writeChunks(response, chunks));
  const pieces: string[] = [];
  try {
    for await (const text of setup.provider.stream({ messages })) pieces.push(text);
    return { pieces, error: undefined };
  } catch (error) {
    return { pieces, error };
  }
}

describe('a reply that starts with the spent-quota text', () => {
  for (const form of forms) {
    it(`is a RateLimitError however the network splits it, with no text leaked: "${form}"`, async () => {
      const bytes = Buffer.from(form);
      for (let at = 1; at < bytes.length; at++) {
        const { pieces, error } = await receive(cutAt(bytes, [at]));
        expect(pieces, `split at byte ${at}`).toEqual([]);
        expect(RateLimitError.isInstance(error), `split at byte ${at}`).toBe(true);
        expect(error).toMatchObject({ status: 200, quotaExhausted: true });
      }
    });
  }

  it('lets a reply that merely starts like it pass through untouched', async () => {
    const reply = `${quota.slice(0, 3)}不是额度的问题`;
    const { pieces, error } = await receive([
      Buffer.from(reply.slice(0, 2)),
      Buffer.from(reply.slice(2)),
    ]);
    expect(error).toBeUndefined();
    expect(pieces.join('')).toBe(reply);
  });

  it('lets a reply that is only the start of the text pass whole', async () => {
    const { pieces, error } = await receive([Buffer.from(quota.slice(0, 4))]);
    expect(error).toBeUndefined();
    expect(pieces.join('')).toBe(quota.slice(0, 4));
  });
});

describe('QuotaPrefixGuard', () => {
  it('releases held text the moment it can no longer be the text', () => {
    const guard = new QuotaPrefixGuard(quota);
    expect(guard.accept(quota.slice(0, 2))).toBe('');
    expect(guard.accept('X')).toBe(`${quota.slice(0, 2)}X`);
    expect(guard.accept('Y')).toBe('Y');
    expect(guard.spent).toBe(false);
  });

  it('is spent once the reply starts with the text, whatever follows', () => {
    const guard = new QuotaPrefixGuard(quota);
    expect(guard.accept(`${quota}, 请尝试`)).toBe('');
    expect(guard.spent).toBe(true);
    expect(guard.release()).toBe('');
  });

  it('holds nothing back of a reply that starts differently', () => {
    const guard = new QuotaPrefixGuard(quota);
    expect(guard.accept('Hello')).toBe('Hello');
  });
});
