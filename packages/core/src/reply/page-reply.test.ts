import { describe, expect, it } from 'vitest';
import { useTestProvider } from '../../test/test-provider.js';
import { CloudflareError } from '../errors/cloudflare-error.js';
import { UnexpectedReplyError } from '../errors/unexpected-reply-error.js';

// Retries allowed: a page must still be asked for once only.
const setup = useTestProvider({ maxRetries: 2, retryDelay: 1 });
const messages = [{ role: 'user' as const, content: 'hi' }];

const CHALLENGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>' +
  '<body><div id="cf-spinner-please-wait"></div></body></html>';
const PARKED = '<!doctype html><html><head><title>This domain is for sale</title></head></html>';

/** Answers every request 200 with `body` and these headers. */
function answer(body: string, headers: Record<string, string>): void {
  setup.server.handle((_request, response) => response.writeHead(200, headers).end(body));
}

async function failure(): Promise<unknown> {
  setup.server.requests.length = 0;
  return setup.provider.complete({ messages }).catch((error: unknown) => error);
}

describe('a 2xx HTML page instead of a reply', () => {
  it('is a CloudflareError when it is a challenge, never its text, and is not asked again', async () => {
    answer(CHALLENGE, { 'content-type': 'text/html; charset=UTF-8', server: 'cloudflare' });
    const error = await failure();
    expect(CloudflareError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, isRetryable: false, body: CHALLENGE });
    expect((error as Error).message).toContain(
      `HTTP 200 from POST ${setup.server.url}/api/generate: an HTML page titled "Just a moment..."`,
    );
    expect(setup.server.requests).toHaveLength(1);
  });

  for (const contentType of ['text/html', 'TEXT/HTML;charset=utf-8', 'application/xhtml+xml']) {
    it(`is an UnexpectedReplyError naming its title for any other page (${contentType}), not asked again`, async () => {
      answer(PARKED, { 'content-type': contentType });
      const error = await failure();
      expect(UnexpectedReplyError.isInstance(error)).toBe(true);
      expect(CloudflareError.isInstance(error)).toBe(false);
      expect(error).toMatchObject({ status: 200, isRetryable: false, body: PARKED });
      expect((error as Error).message).toContain(
        'an HTML page titled "This domain is for sale" came instead of a reply',
      );
      expect(setup.server.requests).toHaveLength(1);
    });
  }

  it('is told by the content type alone: a reply whose text is HTML is the reply', async () => {
    // A model asked for a web page: GeminiProChat types its reply text/plain, chatgpt-demo not at all.
    const typings: Record<string, string>[] = [{ 'content-type': 'text/plain; charset=utf-8' }, {}];
    for (const headers of typings) {
      answer(CHALLENGE, headers);
      expect(await setup.provider.complete({ messages })).toBe(CHALLENGE);
    }
  });
});
