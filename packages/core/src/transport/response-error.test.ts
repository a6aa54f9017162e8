import { describe, expect, it } from 'vitest';
import * as built from '../../dist/index.js';
import { AuthRejectedError } from '../errors/auth-rejected-error.js';
import { CloudflareError } from '../errors/cloudflare-error.js';
import { FallbackError } from '../errors/fallback-error.js';
import { ProviderError } from '../errors/provider-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ResponseStatusError } from '../errors/response-status-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import {
  createQuotaReplyError,
  createResponseError,
  type FailedResponse,
} from './response-error.js';

const url = 'https://site.example/api/generate';
const rateLimit = { spentQuota: [{ status: 500, bodyIncludes: 'Quota exceeded' }] };

function failed(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): FailedResponse {
  return { provider: 'test', url, status, headers, body };
}

describe('createResponseError', () => {
  it('gives a JSON error body its message, and names provider, URL and status', () => {
    const error = createResponseError(
      failed(401, '{"error":{"message":"Invalid signature."}}'),
      rateLimit,
    );
    expect(error).toBeInstanceOf(AuthRejectedError);
    expect(error.message).toBe(
      `[test] HTTP 401 from POST ${url}: the site refused the signature: the secret setting does not match the site's: Invalid signature.`,
    );
    expect(error.isRetryable).toBe(false);
  });

  it("maps the site's spent-quota body to a non-retryable RateLimitError", () => {
    const error = createResponseError(
      failed(500, '{"error":{"message":"Quota exceeded for metric"}}'),
      rateLimit,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).quotaExhausted).toBe(true);
    expect(error.isRetryable).toBe(false);
  });

  it('makes a spent-quota reply (a 200 whose text is the quota sign) a non-retryable RateLimitError', () => {
    const error = createQuotaReplyError('test', url, '额度已消耗完');
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 200,
      body: '额度已消耗完',
      quotaExhausted: true,
      fromReplyText: true,
    });
    expect(error.retryAfter).toBeUndefined();
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe(
      `[test] HTTP 200 from POST ${url}: the site's quota is spent: its whole reply was "额度已消耗完"`,
    );
  });

  it('maps 429 to a retryable RateLimitError with Retry-After in milliseconds', () => {
    const seconds = createResponseError(
      failed(429, 'slow down', { 'retry-after': '2' }),
      rateLimit,
    );
    expect((seconds as RateLimitError).retryAfter).toBe(2000);
    expect(seconds.isRetryable).toBe(true);
    const milliseconds = createResponseError(
      failed(429, '', { 'retry-after-ms': '150', 'retry-after': '9' }),
      rateLimit,
    );
    expect((milliseconds as RateLimitError).retryAfter).toBe(150);
    const date = new Date(Date.now() + 60_000).toUTCString();
    const fromDate = createResponseError(failed(429, '', { 'retry-after': date }), rateLimit);
    expect((fromDate as RateLimitError).retryAfter).toBeGreaterThan(55_000);
  });

  it('recognises Cloudflare challenge pages and 520, summarising HTML by its title', () => {
    const page =
      '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>' +
      '<div class="cf-spinner-please-wait"></div>'.repeat(200) +
      '</body></html>';
    const challenge = createResponseError(
      failed(403, page, { 'content-type': 'text/html' }),
      rateLimit,
    );
    expect(challenge).toBeInstanceOf(CloudflareError);
    expect(challenge.message).toBe(
      `[test] HTTP 403 from POST ${url}: an HTML page titled "Just a moment..."`,
    );
    expect(challenge.isRetryable).toBe(false);
    expect(challenge.body.length).toBe(1024);
    const unknown = createResponseError(failed(520, 'error code: 520'), rateLimit);
    expect(unknown).toBeInstanceOf(CloudflareError);
    expect(unknown.isRetryable).toBe(true);
  });

  it('keeps a 403 without Cloudflare markers a plain ResponseStatusError', () => {
    const error = createResponseError(failed(403, 'Forbidden'), rateLimit);
    expect(error.constructor).toBe(ResponseStatusError);
    expect(error.message).toBe(`[test] HTTP 403 from POST ${url}: Forbidden`);
  });

  it('marks 5xx retryable and 4xx not, and names an empty body', () => {
    expect(createResponseError(failed(503, ''), rateLimit).isRetryable).toBe(true);
    expect(createResponseError(failed(400, ''), rateLimit).isRetryable).toBe(false);
    expect(createResponseError(failed(502, ''), rateLimit).message).toMatch(/: empty body$/);
    expect(
      createResponseError(failed(500, '{"error":{"code":"Boom"}}'), undefined).message,
    ).toMatch(/: Boom$/);
  });
});

describe('error classes', () => {
  it('are recognised across copies of core by isInstance, at every level', () => {
    const foreign = new built.RateLimitError({
      provider: 'x',
      url,
      status: 429,
      headers: {},
      body: '',
      detail: '',
      quotaExhausted: false,
      retryAfter: 5,
    });
    expect(foreign).not.toBeInstanceOf(RateLimitError);
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(ResponseStatusError.isInstance(foreign)).toBe(true);
    expect(ProviderError.isInstance(foreign)).toBe(true);
    expect(CloudflareError.isInstance(foreign)).toBe(false);
    expect(TimeoutError.isInstance(new Error('x'))).toBe(false);
  });

  it('say which wait ran out', () => {
    const response = new TimeoutError({ provider: 'p', url, phase: 'response', timeout: 10 });
    const idle = new TimeoutError({ provider: 'p', url, phase: 'idle', timeout: 20 });
    expect(response.message).toBe(
      `[p] POST ${url}: the response did not start within 10 ms (timeout)`,
    );
    expect(idle.message).toBe(`[p] POST ${url}: the reply went silent for 20 ms (idleTimeout)`);
  });

  it('aggregate a fallback chain one line per provider', () => {
    const error = new FallbackError({
      provider: 'fallback',
      attempts: [
        {
          provider: 'a',
          error: new TimeoutError({ provider: 'a', url, phase: 'idle', timeout: 5 }),
        },
        { provider: 'b', error: new Error('boom\nsecond line') },
      ],
    });
    expect(error.message).toBe(
      `[fallback] all 2 providers failed:\n  a: TimeoutError: POST ${url}: the reply went silent for 5 ms (idleTimeout)\n  b: Error: boom`,
    );
    expect(error.isRetryable).toBe(true);
  });
});
