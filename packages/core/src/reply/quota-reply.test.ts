import { describe, expect, it } from 'vitest';
import { cutAt } from '../../test/test-byte-cuts.js';
import { testDefinition } from '../../test/test-definition.js';
import { useTestProvider } from '../../test/test-provider.js';
import { writeChunks } from '../../test/test-server.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { QuotaReplyGuard } from './quota-reply-guard.js';

const forms = testDefinition.rateLimit!.replyTexts!;
const [quota, longForm] = forms as [string, string];
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

describe('a reply that is, whole, the spent-quota text', () => {
  for (const form of forms) {
    it(`is a RateLimitError from the reply text however the network splits it, with no text leaked: "${form}"`, async () => {
      const bytes = Buffer.from(form);
      for (let at = 1; at < bytes.length; at++) {
        const { pieces, error } = await receive(cutAt(bytes, [at]));
        expect(pieces, `split at byte ${at}`).toEqual([]);
        expect(RateLimitError.isInstance(error), `split at byte ${at}`).toBe(true);
        expect(error).toMatchObject({
          status: 200,
          quotaExhausted: true,
          fromReplyText: true,
          body: form,
        });
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

describe('a reply that starts with the spent-quota text and goes on', () => {
  // A model asked to repeat the site's words: the reply is the model's, not the site's quota.
  for (const reply of [`${quota}。我只是在复述这句话。`, `${longForm}吧?`, `${quota}, 请换`]) {
    it(`is the model's text, whole, however the network splits it: "${reply}"`, async () => {
      const bytes = Buffer.from(reply);
      for (let at = 1; at < bytes.length; at++) {
        const { pieces, error } = await receive(cutAt(bytes, [at]));
        expect(error, `split at byte ${at}`).toBeUndefined();
        expect(pieces.join(''), `split at byte ${at}`).toBe(reply);
      }
    });
  }

  it('releases the held text as soon as the reply goes past the quota text, before its end', async () => {
    let openGate = (): void => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    setup.server.handle(async (_request, response) => {
      response.writeHead(200).write(`${quota}!`);
      await gate; // the rest is sent only once the caller has the released text
      response.end(' and more');
    });
    const pieces: string[] = [];
    for await (const text of setup.provider.stream({ messages })) {
      pieces.push(text);
      openGate();
    }
    expect(pieces).toEqual([`${quota}!`, ' and more']);
  });
});

describe('QuotaReplyGuard', () => {
  it('releases held text the moment it can no longer be the text', () => {
    const guard = new QuotaReplyGuard(forms);
    expect(guard.accept(quota.slice(0, 2))).toBe('');
    expect(guard.accept('X')).toBe(`${quota.slice(0, 2)}X`);
    // Once released, nothing more is held, not even text that could begin the quota text.
    expect(guard.accept(quota.slice(0, 2))).toBe(quota.slice(0, 2));
    expect(guard.finish()).toEqual({ text: '', spent: false });
  });

  it('holds the whole quota text while a longer form may follow, and releases it once none can', () => {
    const guard = new QuotaReplyGuard(forms);
    expect(guard.accept(quota)).toBe('');
    expect(guard.accept(longForm.slice(quota.length, quota.length + 1))).toBe('');
    expect(guard.accept('?')).toBe(`${longForm.slice(0, quota.length + 1)}?`);
    expect(guard.finish()).toEqual({ text: '', spent: false });
  });

  it('is spent when the reply ends as one of the texts, and gives that text', () => {
    for (const form of forms) {
      const guard = new QuotaReplyGuard(forms);
      expect(guard.accept(form)).toBe('');
      expect(guard.finish()).toEqual({ text: form, spent: true });
    }
  });

  it('gives back a reply that ended as only the start of a text, not spent', () => {
    const guard = new QuotaReplyGuard(forms);
    expect(guard.accept(quota.slice(0, 3))).toBe('');
    expect(guard.finish()).toEqual({ text: quota.slice(0, 3), spent: false });
  });

  it('holds nothing back of a reply that starts differently', () => {
    const guard = new QuotaReplyGuard(forms);
    expect(guard.accept('Hello')).toBe('Hello');
  });
});
