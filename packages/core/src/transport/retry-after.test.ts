import { describe, expect, it } from 'vitest';
import type { RateLimitError } from '../errors/rate-limit-error.js';
import { createResponseError } from './response-error.js';

/** The `retryAfter` core reads from a 429 with these headers. */
function retryAfter(headers: Record<string, string>): number | undefined {
  const error = createResponseError(
    { provider: 'test', url: 'https://site.example/api', status: 429, headers, body: '' },
    undefined,
  );
  return (error as RateLimitError).retryAfter;
}

describe('Retry-After', () => {
  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': ' 1.5 ' }, 1500],
    [{ 'retry-after': '0' }, 0],
    [{ 'retry-after-ms': '150', 'retry-after': '9' }, 150],
    [{ 'retry-after-ms': '0.2' }, 1],
    [{ 'retry-after': '10000000000' }, 10_000_000_000_000],
  ])('reads %j as %d ms', (headers, expected) => {
    expect(retryAfter(headers)).toBe(expected);
  });

  it('reads an HTTP date in each of its three formats, a past one as 0', () => {
    expect(retryAfter({ 'retry-after': 'Thu, 01 Jan 2099 00:00:00 GMT' })).toBeGreaterThan(0);
    expect(retryAfter({ 'retry-after': 'Thu Jan  1 00:00:00 2099' })).toBeGreaterThan(0);
    expect(retryAfter({ 'retry-after': 'Sunday, 06-Nov-94 08:49:37 GMT' })).toBe(0);
    expect(retryAfter({ 'retry-after': 'Thu, 01 Jan 1970 00:00:00 GMT' })).toBe(0);
  });

  it.each([
    ['a negative Retry-After', { 'retry-after': '-5' }],
    ['a negative retry-after-ms', { 'retry-after-ms': '-5' }],
    ['an exponent', { 'retry-after-ms': '1e300' }],
    ['an exponent in seconds', { 'retry-after': '1e3' }],
    ['a hexadecimal number', { 'retry-after': '0x10' }],
    ['400 digits (no finite number)', { 'retry-after': '9'.repeat(400) }],
    ['a word', { 'retry-after': 'soon' }],
    ['a number and a word', { 'retry-after': '5 apples' }],
    ['an empty value', { 'retry-after': '' }],
    ['no header', {}],
  ])('takes %s as no Retry-After at all', (_name, headers: Record<string, string>) => {
    expect(retryAfter(headers)).toBeUndefined();
  });

  it('falls back to Retry-After when retry-after-ms is unreadable', () => {
    expect(retryAfter({ 'retry-after-ms': '-5', 'retry-after': '3' })).toBe(3000);
  });
});
