import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthRejectedError } from './errors/auth-rejected-error.js';
import { CloudflareError } from './errors/cloudflare-error.js';
import { ConnectionError } from './errors/connection-error.js';
import { ProviderError } from './errors/provider-error.js';
import { ProxyError } from './errors/proxy-error.js';
import { RateLimitError } from './errors/rate-limit-error.js';
import { ResponseStatusError } from './errors/response-status-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { retryDelay, shouldTryNextMirror } from './retry-policy.js';

const url = 'http://127.0.0.1:1/api/generate';
const response = { provider: 'test', url, headers: {}, body: '', detail: '' };
const connection = new ConnectionError({ provider: 'test', url, cause: new Error('reset') });

function status(code: number, retryAfter?: number): ResponseStatusError {
  return new ResponseStatusError({ ...response, status: code, retryAfter });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('retryDelay', () => {
  it('doubles the base delay with each retry, without jitter at random 0', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect([1, 2, 3, 4, 5].map((retry) => retryDelay(connection, retry, 100, 30_000))).toEqual([
      100, 200, 400, 800, 1600,
    ]);
  });

  it('caps the backoff at 8 s before jitter', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(retryDelay(connection, 6, 500, 30_000)).toBe(8000);
    expect(retryDelay(connection, 10, 500, 30_000)).toBe(8000);
  });

  it('takes up to 25% off as jitter', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(retryDelay(connection, 2, 1000, 30_000)).toBe(1750);
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    expect(retryDelay(connection, 1, 1000, 30_000)).toBe(750);
  });

  it("waits exactly the site's Retry-After for any status that carries one", () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(retryDelay(status(503, 1234), 3, 100, 30_000)).toBe(1234);
    expect(retryDelay(status(503, 0), 3, 100, 30_000)).toBe(0);
    const limited = new RateLimitError({
      ...response,
      status: 429,
      quotaExhausted: false,
      retryAfter: 30_000,
    });
    expect(retryDelay(limited, 1, 100, 30_000)).toBe(30_000);
  });

  it('gives up (undefined) when Retry-After is longer than maxRetryAfter', () => {
    expect(retryDelay(status(503, 30_001), 1, 100, 30_000)).toBeUndefined();
  });

  it('backs off as usual for a status without Retry-After', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(retryDelay(status(503), 2, 100, 30_000)).toBe(200);
  });
});

describe('shouldTryNextMirror', () => {
  const cases: [string, ProviderError, boolean][] = [
    ['a connection error', connection, true],
    [
      'a proxy that cannot be reached',
      new ProxyError({ provider: 'test', url, proxy: 'http://p', authFailed: false, cause: 1 }),
      true,
    ],
    [
      'a proxy that rejects the credentials',
      new ProxyError({ provider: 'test', url, proxy: 'http://p', authFailed: true, cause: 1 }),
      false,
    ],
    ['a timeout', new TimeoutError({ provider: 'test', url, phase: 'idle', timeout: 1 }), true],
    ['a Cloudflare page', new CloudflareError({ ...response, status: 403 }), true],
    ['a spent quota', new RateLimitError({ ...response, status: 200, quotaExhausted: true }), true],
    ['a 500', status(500), true],
    ['a 599', status(599), true],
    ['a 499', status(499), false],
    ['a 400', status(400), false],
    [
      'a rejected signature',
      new AuthRejectedError({ ...response, status: 401, credential: 'signature' }),
      false,
    ],
    ['any other error', new ProviderError({ provider: 'test', reason: 'empty' }), false],
  ];
  for (const [name, error, expected] of cases) {
    it(`${expected ? 'moves on' : 'does not move on'} after ${name}`, () => {
      expect(shouldTryNextMirror(error)).toBe(expected);
    });
  }
});
