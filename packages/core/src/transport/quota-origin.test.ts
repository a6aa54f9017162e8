import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { createQuotaReplyError, createResponseError } from './response-error.js';

const url = 'https://site.example/api/generate';

describe('RateLimitError.fromReplyText', () => {
  it('is true for a 200 reply whose text is the quota sign', () => {
    expect(createQuotaReplyError('test', url, '额度已消耗完').fromReplyText).toBe(true);
  });

  it("is false for a 429 and for a status's spent-quota body", () => {
    const rateLimit = { spentQuota: [{ status: 500, bodyIncludes: 'Quota exceeded' }] };
    const limited = createResponseError(
      { provider: 'test', url, status: 429, headers: {}, body: '' },
      rateLimit,
    );
    const spent = createResponseError(
      { provider: 'test', url, status: 500, headers: {}, body: 'Quota exceeded' },
      rateLimit,
    );
    for (const error of [limited, spent]) {
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).fromReplyText).toBe(false);
    }
  });

  it('defaults to false for a RateLimitError made without it', () => {
    const error = new RateLimitError({
      provider: 'test',
      url,
      status: 429,
      headers: {},
      body: '',
      detail: 'slow down',
      quotaExhausted: false,
    });
    expect(error.fromReplyText).toBe(false);
  });
});
