import type { KeyStanding, RateStanding } from './server-state.js';

/**
 * A wait as OpenAI's `x-ratelimit-reset-*` headers write it (Go's duration format): `20ms` under a
 * second, else hours, minutes and seconds with the seconds' fraction to the millisecond (`1s`,
 * `17.28s`, `6m0s`, `1h0m0s`).
 */
export function formatReset(milliseconds: number): string {
  const ms = Math.max(Math.ceil(milliseconds), 0);
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = `${(ms % 60_000) / 1000}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  return minutes > 0 ? `${minutes}m${seconds}` : seconds;
}

/** The three headers of each rate limit, named once: a name built per request costs a string. */
const HEADER_NAMES = {
  requests: [
    'x-ratelimit-limit-requests',
    'x-ratelimit-remaining-requests',
    'x-ratelimit-reset-requests',
  ],
  tokens: ['x-ratelimit-limit-tokens', 'x-ratelimit-remaining-tokens', 'x-ratelimit-reset-tokens'],
} as const;

/**
 * OpenAI's rate limit headers for the limits a key has: `x-ratelimit-limit-requests`,
 * `x-ratelimit-remaining-requests`, `x-ratelimit-reset-requests` for its requests per minute, and the
 * `-tokens` three for its tokens per day.
 */
export function rateLimitHeaders(standing: KeyStanding): Record<string, string> {
  const headers: Record<string, string> = {};
  if (standing.requests !== undefined)
    addHeaders(headers, HEADER_NAMES.requests, standing.requests);
  if (standing.tokens !== undefined) addHeaders(headers, HEADER_NAMES.tokens, standing.tokens);
  return headers;
}

function addHeaders(
  headers: Record<string, string>,
  names: readonly [limit: string, remaining: string, reset: string],
  standing: RateStanding,
): void {
  headers[names[0]] = String(standing.limit);
  headers[names[1]] = String(standing.remaining);
  headers[names[2]] = formatReset(standing.resetMs);
}
