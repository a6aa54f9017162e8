import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testDefinition } from '../../test/test-definition.js';
import { useTestProvider } from '../../test/test-provider.js';
import { EmptyReplyError } from '../errors/empty-reply-error.js';
import { ModelFailedMidReplyError } from '../errors/model-failed-mid-reply-error.js';

const setup = useTestProvider({ maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'hi' }];

async function outcome(): Promise<{ text: string; error: unknown }> {
  let text = '';
  try {
    for await (const piece of setup.provider.stream({ messages })) text += piece;
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}

describe('an empty 2xx reply', () => {
  const empties = {
    'with Content-Length 0': { headers: { 'content-length': '0' }, body: '' },
    chunked: { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' },
    'compressed (gzip of nothing)': {
      headers: { 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.alloc(0)),
    },
  };
  for (const [name, { headers, body }] of Object.entries(empties)) {
    it(`is an EmptyReplyError naming the status and headers, ${name}`, async () => {
      setup.server.handle((_request, response) => response.writeHead(200, headers).end(body));
      const { text, error } = await outcome();
      expect(text).toBe('');
      expect(EmptyReplyError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 200, isRetryable: true, body: '' });
      expect((error as EmptyReplyError).headers).toMatchObject(headers);
      expect((error as Error).message).toBe(
        `[test] HTTP 200 from POST ${setup.server.url}/api/generate: the site's reply was empty (its model returned no text)`,
      );
    });
  }

  it('is one even when the site wrote empty chunks', async () => {
    setup.server.handle(async (_request, response) => {
      response.writeHead(200);
      response.write('');
      await new Promise((resolve) => setImmediate(resolve));
      response.end('');
    });
    expect(EmptyReplyError.isInstance((await outcome()).error)).toBe(true);
  });

  it('is not one when the only text was held back until the end (the start of a guarded text)', async () => {
    const quota = testDefinition.rateLimit!.replyTexts![0]!;
    for (const reply of [quota.slice(0, 2), 'Internal']) {
      setup.server.handle((_request, response) => response.writeHead(200).end(reply));
      expect(await outcome()).toEqual({ text: reply, error: undefined });
    }
  });

  it('gives way to the failure it ends with: only the failure marker is a ModelFailedMidReplyError', async () => {
    setup.server.handle((_request, response) =>
      response.writeHead(200).end('Internal server error'),
    );
    const { text, error } = await outcome();
    expect(text).toBe('');
    expect(ModelFailedMidReplyError.isInstance(error)).toBe(true);
  });
});
