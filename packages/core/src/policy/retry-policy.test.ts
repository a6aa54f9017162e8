import { describe, expect, it } from 'vitest';
import { AuthRejectedError } from '../errors/auth-rejected-error.js';
import { CloudflareError } from '../errors/cloudflare-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { EmptyReplyError } from '../errors/empty-reply-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { ModelFailedMidReplyError } from '../errors/model-failed-mid-reply-error.js';
import { ProviderError } from '../errors/provider-error.js';
import { ProxyError } from '../errors/proxy-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import { ResponseStatusError } from '../errors/response-status-error.js';
import { SiteMisconfiguredError } from '../errors/site-misconfigured-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { UnexpectedReplyError } from '../errors/unexpected-reply-error.js';
import { decideRetry, type RetryDecision, type RetryState } from './retry-policy.js';

const url = 'http://127.0.0.1:1/api/generate';
const response = { provider: 'test', url, headers: {}, body: '', detail: '' };
const connection = new ConnectionError({ provider: 'test', url, cause: new Error('reset') });
const proxy = { provider: 'test', url, proxy: 'http://p', cause: new Error('refused') };

function status(code: number, retryAfter?: number): ResponseStatusError {
  return new ResponseStatusError({ ...response, status: code, retryAfter });
}

function rateLimit(retryAfter?: number): RateLimitError {
  return new RateLimitError({ ...response, status: 429, quotaExhausted: false, retryAfter });
}

const spentQuota = new RateLimitError({ ...response, status: 500, quotaExhausted: true });
const quotaReply = new RateLimitError({ ...response, status: 200, quotaExhausted: true });
const responseTimeout = new TimeoutError({ provider: 'test', url, phase: 'response', timeout: 1 });
const idleTimeout = new TimeoutError({ provider: 'test', url, phase: 'idle', timeout: 1 });
const modelFailed = new ModelFailedMidReplyError({
  provider: 'test',
  url,
  tail: 'Internal server error',
});
const emptyReply = new EmptyReplyError({ provider: 'test', url, status: 200, headers: {} });
const geminiKeyRefused = new SiteMisconfiguredError({ ...response, status: 500 });
const openAIKeyRefused = new SiteMisconfiguredError({ ...response, status: 401 });
const challenge200 = new CloudflareError({ ...response, status: 200 });
const page200 = new UnexpectedReplyError({ ...response, status: 200 });
const abortError = new DOMException('This operation was aborted', 'AbortError');

const fail: RetryDecision = { kind: 'fail' };
const nextMirror: RetryDecision = { kind: 'next-mirror' };
const retry = (delayMs: number): RetryDecision => ({ kind: 'retry', delayMs });

/** Where the request stands, beyond the settings every row shares. */
type Situation = Partial<Omit<RetryState, 'maxRetryAfter'>>;

const noMirror = { mirrorsLeft: 0 };
const mirrorLeft = { mirrorsLeft: 1 };

/**
 * Each row: the failure, the situation (default: nothing delivered, no abort, no mirror left, no retry
 * done, maxRetries 2, retryDelay 500, random 0) with maxRetryAfter 30 s, and the exact decision.
 */
// biome-ignore format: one row per line keeps the table readable
const rows: [string, unknown, Situation, RetryDecision][] = [
  // Connection errors: a mirror first, then the doubling backoff, its cap and the retry count.
  ['a connection error, mirror left', connection, mirrorLeft, nextMirror],
  ['a connection error, no mirror, 0 retries done', connection, noMirror, retry(500)],
  ['a connection error, 1 retry done (the doubling)', connection, { retriesDone: 1 }, retry(1000)],
  ['a connection error, 2 of 5 retries done', connection, { retriesDone: 2, maxRetries: 5 }, retry(2000)],
  ['a connection error, 4 of 5 done, base 100', connection, { retriesDone: 4, maxRetries: 5, retryDelay: 100 }, retry(1600)],
  ['a connection error, 3 of 10 done (under the cap)', connection, { retriesDone: 3, maxRetries: 10 }, retry(4000)],
  ['a connection error, 6 of 10 done (the 8 s cap)', connection, { retriesDone: 6, maxRetries: 10 }, retry(8000)],
  ['a connection error, 9 of 10 done (still the cap)', connection, { retriesDone: 9, maxRetries: 10 }, retry(8000)],
  ['a connection error, 2 of 2 retries done', connection, { retriesDone: 2 }, fail],
  ['a connection error, maxRetries 0', connection, { maxRetries: 0 }, fail],
  ['a connection error, mirror left, retries used up', connection, { ...mirrorLeft, retriesDone: 2 }, nextMirror],
  // Jitter: up to 25% off, from the injected random source.
  ['jitter at random 0.5, 1 retry done, base 1000', connection, { retriesDone: 1, retryDelay: 1000, random: () => 0.5 }, retry(1750)],
  ['jitter at random 0.999, base 500', connection, { random: () => 0.999 }, retry(375)],
  ['jitter at random 0.999999, base 1000', connection, { retryDelay: 1000, random: () => 0.999_999 }, retry(750)],
  // Whatever the failure: text delivered, an abort, or not a freechat error.
  ['a connection error after text was delivered', connection, { ...mirrorLeft, delivered: true }, fail],
  ['a 503 after text was delivered', status(503), { delivered: true }, fail],
  ['an idle timeout after text was delivered', idleTimeout, { ...mirrorLeft, delivered: true }, fail],
  ['a connection error after an abort', connection, { ...mirrorLeft, aborted: true }, fail],
  ['the abort reason', abortError, mirrorLeft, fail],
  ['a bug (TypeError)', new TypeError('x is not a function'), mirrorLeft, fail],
  ['an error of another library that says it is retryable', Object.assign(new Error('x'), { isRetryable: true }), noMirror, fail],
  // Timeouts.
  ['a response timeout, no mirror', responseTimeout, noMirror, retry(500)],
  ['a response timeout, mirror left', responseTimeout, mirrorLeft, nextMirror],
  ['an idle timeout before any text, mirror left', idleTimeout, mirrorLeft, nextMirror],
  // Statuses: 5xx moves on, then retries; Retry-After is honoured up to maxRetryAfter.
  ['a 500, mirror left', status(500), mirrorLeft, nextMirror],
  ['a 599, mirror left', status(599), mirrorLeft, nextMirror],
  ['a 500, no mirror', status(500), noMirror, retry(500)],
  ['a 503 with Retry-After 2 s', status(503, 2000), { random: () => 0.5 }, retry(2000)],
  ['a 503 with Retry-After 1234 ms, 2 of 5 done', status(503, 1234), { retriesDone: 2, maxRetries: 5 }, retry(1234)],
  ['a 503 with Retry-After 60 s (over maxRetryAfter)', status(503, 60_000), noMirror, fail],
  ['a 503 with Retry-After 30 001 ms (just over)', status(503, 30_001), noMirror, fail],
  ['a 503 with Retry-After 0', status(503, 0), noMirror, retry(0)],
  ['a 503 without Retry-After, 1 retry done, base 100', status(503), { retriesDone: 1, retryDelay: 100 }, retry(200)],
  ['a 503 with Retry-After, retries used up', status(503, 10), { retriesDone: 2 }, fail],
  ['a 408', status(408), mirrorLeft, retry(500)],
  ['a 409', status(409), noMirror, retry(500)],
  ['a 400', status(400), mirrorLeft, fail],
  ['a 404', status(404), noMirror, fail],
  ['a 499', status(499), mirrorLeft, fail],
  // Rate limits: another mirror has its own quota; a spent quota is never retried.
  ['a 429 with Retry-After 20 ms, no mirror', rateLimit(20), noMirror, retry(20)],
  ['a 429 with Retry-After 30 s (exactly maxRetryAfter)', rateLimit(30_000), noMirror, retry(30_000)],
  ['a 429, mirror left', rateLimit(20), mirrorLeft, nextMirror],
  ['a 429 without Retry-After, 1 retry done', rateLimit(), { retriesDone: 1 }, retry(1000)],
  ['a spent quota (500 Quota exceeded), mirror left', spentQuota, mirrorLeft, nextMirror],
  ['a spent quota (500 Quota exceeded), no mirror', spentQuota, noMirror, fail],
  ['a spent quota (the reply text), mirror left', quotaReply, mirrorLeft, nextMirror],
  ['a spent quota (the reply text), no mirror', quotaReply, noMirror, fail],
  // Cloudflare: a challenge page moves on but is not retried; its 520 is.
  ['a Cloudflare 403, mirror left', new CloudflareError({ ...response, status: 403 }), mirrorLeft, nextMirror],
  ['a Cloudflare 403, no mirror', new CloudflareError({ ...response, status: 403 }), noMirror, fail],
  ['a Cloudflare 520, no mirror', new CloudflareError({ ...response, status: 520 }), noMirror, retry(500)],
  ['a Cloudflare challenge with status 200, mirror left', challenge200, mirrorLeft, nextMirror],
  ['a Cloudflare challenge with status 200, no mirror', challenge200, noMirror, fail],
  // A page instead of a reply, and a misconfigured deployment: the same there each time.
  ['another HTML page with status 200, mirror left', page200, mirrorLeft, nextMirror],
  ['another HTML page with status 200, no mirror', page200, noMirror, fail],
  ["a deployment's refused model key (500), mirror left", geminiKeyRefused, mirrorLeft, nextMirror],
  ["a deployment's refused model key (500), no mirror", geminiKeyRefused, noMirror, fail],
  ["a deployment's refused model key (401), mirror left", openAIKeyRefused, mirrorLeft, nextMirror],
  ["a deployment's refused model key (401), no mirror", openAIKeyRefused, noMirror, fail],
  // Credentials: the site's refusal, and the proxy's, are the same on every mirror.
  ['a 401 (signature refused), mirror left', new AuthRejectedError({ ...response, status: 401, credential: 'signature' }), mirrorLeft, fail],
  ['a proxy that cannot be reached, mirror left', new ProxyError({ ...proxy, authFailed: false }), mirrorLeft, nextMirror],
  ['a proxy that cannot be reached, no mirror', new ProxyError({ ...proxy, authFailed: false }), noMirror, retry(500)],
  ['a proxy that rejects the credentials, mirror left', new ProxyError({ ...proxy, authFailed: true }), mirrorLeft, fail],
  // The site's model failed: the same mirror may answer next time.
  ['a model failure at the end of an empty reply, no mirror', modelFailed, noMirror, retry(500)],
  ['a model failure at the end of an empty reply, mirror left', modelFailed, mirrorLeft, retry(500)],
  ['a model failure after text was delivered', modelFailed, { delivered: true }, fail],
  // An empty reply: another mirror first, then the same question again.
  ['an empty reply, mirror left', emptyReply, mirrorLeft, nextMirror],
  ['an empty reply, no mirror', emptyReply, noMirror, retry(500)],
  ['an empty reply, retries used up', emptyReply, { retriesDone: 2 }, fail],
  // Errors no mirror or retry can help.
  ['an InvalidRequestError', new InvalidRequestError({ provider: 'test', field: 'now', message: 'x' }), mirrorLeft, fail],
  ['any other freechat error', new ProviderError({ provider: 'test', reason: 'empty' }), mirrorLeft, fail],
];

describe('decideRetry', () => {
  it.each(rows)('%s', (_name, failure, situation, expected) => {
    const state: RetryState = {
      delivered: false,
      aborted: false,
      mirrorsLeft: 0,
      retriesDone: 0,
      maxRetries: 2,
      retryDelay: 500,
      maxRetryAfter: 30_000,
      random: () => 0,
      ...situation,
    };
    expect(decideRetry(failure, state)).toEqual(expected);
  });

  it('draws its jitter from Math.random when given no source', () => {
    const state = { delivered: false, aborted: false, mirrorsLeft: 0, retriesDone: 0 };
    const settings = { maxRetries: 2, retryDelay: 1000, maxRetryAfter: 30_000 };
    const delays = Array.from({ length: 200 }, () => {
      const decision = decideRetry(connection, { ...state, ...settings });
      return decision.kind === 'retry' ? decision.delayMs : Number.NaN;
    });
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(750);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1000);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});
