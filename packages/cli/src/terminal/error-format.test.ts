import {
  AuthRejectedError,
  CloudflareError,
  ConnectionError,
  FallbackError,
  ModelFailedMidReplyError,
  ModelNotFoundError,
  RateLimitError,
  ResponseStatusError,
  TimeoutError,
} from '@freechat/core';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../commands/usage-error.js';
import { formatError, shortReason } from './error-format.js';

const URL = 'https://chat10.free2gpt.xyz/api/generate';
const response = { provider: 'free2gpt', url: URL, headers: {}, body: '', detail: '' };

describe('formatError', () => {
  it('gives one line naming the provider and the class, and exit 1 for a provider failure', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { line, exitCode } = formatError(
      new ConnectionError({ provider: 'free2gpt', url: URL, cause: refused }),
    );
    expect(exitCode).toBe(1);
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^free2gpt: ConnectionError: POST https:\S+: connection failed: /);
    expect(line).toContain('--base-url <mirror> (or FREECHAT_FREE2GPT_BASE_URL) or --proxy <url>');
    expect(shortReason(new ConnectionError({ provider: 'x', url: URL, cause: refused }))).toBe(
      'ECONNREFUSED',
    );
  });

  it('suggests another provider or `freechat check` for a rate limit, with the wait asked for', () => {
    const limited = new RateLimitError({
      ...response,
      status: 429,
      retryAfter: 20_000,
      quotaExhausted: false,
    });
    expect(formatError(limited).line).toMatch(
      /rate-limiting; wait 20 s, or try another provider .*freechat check/,
    );
    const spent = new RateLimitError({ ...response, status: 500, quotaExhausted: true });
    expect(formatError(spent).line).toContain(
      "the site's quota is spent for now; try another provider",
    );
    expect(shortReason(spent)).toBe('quota spent');
  });

  it('says the site is behind a challenge for a CloudflareError, and a signature was refused for a 401', () => {
    const challenge = new CloudflareError({ ...response, status: 403 });
    expect(formatError(challenge).line).toContain('behind a Cloudflare challenge');
    expect(shortReason(challenge)).toBe('HTTP 403, Cloudflare challenge');
    const refused = new AuthRejectedError({ ...response, status: 401, credential: 'signature' });
    expect(formatError(refused).line).toContain("refused the request's signature: check --secret");
  });

  it('asks for --password when the site refused the password, and to ask again after a mid-reply failure', () => {
    const password = new AuthRejectedError({ ...response, status: 401, credential: 'password' });
    expect(formatError(password).line).toContain('--password <password> or FREECHAT_PASSWORD');
    const failed = new ModelFailedMidReplyError({
      provider: 'site',
      url: URL,
      tail: 'Internal server error',
    });
    expect(formatError(failed)).toEqual({
      line: `site: ModelFailedMidReplyError: HTTP 200 from POST ${URL}: the site's model failed mid-reply (its reply ended with "Internal server error"); the site's model failed mid-reply; ask again`,
      exitCode: 1,
    });
  });

  it('suggests --timeout, --base-url or --proxy for a TimeoutError', () => {
    const timeout = new TimeoutError({
      provider: 'freegpt',
      url: URL,
      phase: 'response',
      timeout: 500,
    });
    expect(formatError(timeout).line).toContain(
      'try a larger --timeout, --base-url <mirror> (or FREECHAT_FREEGPT_BASE_URL) or --proxy <url>',
    );
    expect(shortReason(timeout)).toBe('no response in 500 ms');
  });

  it('says how many attempts were made, and how long each waited for a response that never started', () => {
    const attempts = (error: object, attemptsMade: number) =>
      Object.assign(error, { attemptsMade });
    const timeout = new TimeoutError({
      provider: 'freegpt',
      url: URL,
      phase: 'response',
      timeout: 60_000,
    });
    expect(formatError(attempts(timeout, 3)).line).toBe(
      `freegpt: TimeoutError: POST ${URL}: the response did not start within 60000 ms (timeout); gave up after 3 attempts (up to 60 s each); try a larger --timeout, --base-url <mirror> (or FREECHAT_FREEGPT_BASE_URL) or --proxy <url>`,
    );
    const busy = new ResponseStatusError({ ...response, status: 503, isRetryable: true });
    expect(formatError(attempts(busy, 2)).line).toMatch(
      /: HTTP 503 .*; gave up after 2 attempts; try again later/,
    );
    expect(formatError(attempts(timeout, 1)).line).not.toContain('attempts');
    const chain = new FallbackError({
      provider: 'fallback',
      attempts: [{ provider: 'freegpt', error: attempts(timeout, 3) }],
    });
    expect(formatError(chain).line).toContain(
      'freegpt: TimeoutError (no response in 60000 ms, 3 attempts)',
    );
  });

  it('sends a --site deployment to its other template and URL, never to another provider', () => {
    const context = {
      siteTemplate: (id: string) => (id === 'site' ? ('chatgpt-demo' as const) : undefined),
    };
    const site = { ...response, provider: 'site' };
    const failed = new ResponseStatusError({ ...site, status: 500 });
    expect(formatError(failed, context).line).toMatch(
      /; try again later, or check --template: a deployment of gemini-pro-chat needs --template gemini-pro-chat$/,
    );
    const refused = new ConnectionError({
      provider: 'site',
      url: URL,
      cause: new Error('refused'),
    });
    expect(formatError(refused, context).line).toMatch(/try another --site URL or --proxy <url>$/);
    const challenge = new CloudflareError({ ...site, status: 403 });
    expect(formatError(challenge, context).line).toMatch(
      /reach the deployment at another --site URL$/,
    );
    for (const error of [failed, refused, challenge]) {
      expect(formatError(error, context).line).not.toMatch(/-p |--base-url|FREECHAT_SITE/);
    }
    expect(
      formatError(new ResponseStatusError({ ...response, status: 500 }), context).line,
    ).toContain('try another provider (-p freegpt');
  });

  it('puts every attempt of a fallback chain on the one line', () => {
    const chain = new FallbackError({
      provider: 'free2gpt,freegpt',
      attempts: [
        { provider: 'free2gpt', error: new CloudflareError({ ...response, status: 403 }) },
        {
          provider: 'freegpt',
          error: new TimeoutError({ provider: 'freegpt', url: URL, phase: 'idle', timeout: 9 }),
        },
      ],
    });
    const { line, exitCode } = formatError(chain);
    expect(exitCode).toBe(1);
    expect(line).toBe(
      'free2gpt,freegpt: FallbackError: all 2 providers failed; free2gpt: CloudflareError (HTTP 403, Cloudflare challenge), freegpt: TimeoutError (silent for 9 ms); run `freechat check` to see which providers answer right now',
    );
  });

  it('exits with 2 for usage mistakes and invalid requests, 1 for anything unexpected', () => {
    expect(formatError(new UsageError('no text'))).toEqual({ line: 'no text', exitCode: 2 });
    const model = new ModelNotFoundError({
      provider: 'gprochat',
      model: 'gpt-5',
      models: ['gemini-1.5-pro'],
    });
    expect(formatError(model)).toEqual({
      line: 'gprochat: ModelNotFoundError: invalid model: "gpt-5" is not served; choose one of gemini-1.5-pro (`freechat providers` lists each provider\'s models)',
      exitCode: 2,
    });
    expect(formatError(new TypeError('boom\nstack'))).toEqual({
      line: 'unexpected error: TypeError: boom',
      exitCode: 1,
    });
  });
});
