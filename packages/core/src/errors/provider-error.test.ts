import { describe, expect, it } from 'vitest';
import { ConnectionError } from './connection-error.js';
import { FallbackError } from './fallback-error.js';
import { InvalidRequestError } from './invalid-request-error.js';
import { ResponseStatusError } from './response-status-error.js';

const url = 'https://site.example/api/generate';

describe('the error model', () => {
  it('composes a response error from its provider, status, URL and reason', () => {
    const error = new ResponseStatusError({
      provider: 'free2gpt',
      url,
      status: 500,
      headers: {},
      body: '',
      detail: 'boom',
    });
    expect([error.provider, error.url, error.status, error.reason]).toEqual([
      'free2gpt',
      url,
      500,
      'boom',
    ]);
    expect(error.summary).toBe(`HTTP 500 from POST ${url}: boom`);
    expect(error.message).toBe(`[free2gpt] HTTP 500 from POST ${url}: boom`);
  });

  it('composes a request without a response from its URL and reason', () => {
    const error = new ConnectionError({ provider: 'freegpt', url, cause: new Error('reset') });
    expect(error.status).toBeUndefined();
    expect(error.summary).toBe(`POST ${url}: connection failed: reset`);
    expect(error.message).toBe(`[freegpt] POST ${url}: connection failed: reset`);
  });

  it('composes bad input from its reason alone', () => {
    const error = new InvalidRequestError({
      provider: 'gprochat',
      field: 'timeout',
      message: 'no',
    });
    expect([error.url, error.status, error.summary]).toEqual([
      undefined,
      undefined,
      'invalid timeout: no',
    ]);
    expect(error.message).toBe('[gprochat] invalid timeout: no');
  });

  it("lists a chain's attempts by their summaries, with no URL or status of its own", () => {
    const error = new FallbackError({
      provider: 'fallback',
      attempts: [
        {
          provider: 'freegpt',
          error: new ConnectionError({ provider: 'freegpt', url, cause: 'x' }),
        },
        { provider: 'other', error: new Error('first\nsecond') },
      ],
    });
    expect([error.url, error.status, error.summary]).toEqual([
      undefined,
      undefined,
      'all 2 providers failed',
    ]);
    expect(error.message).toBe(
      `[fallback] all 2 providers failed:\n  freegpt: ConnectionError: POST ${url}: connection failed: x\n  other: Error: first`,
    );
  });
});
