import { AuthRejectedError } from '../errors/auth-rejected-error.js';
import { CloudflareError } from '../errors/cloudflare-error.js';
import { RateLimitError } from '../errors/rate-limit-error.js';
import {
  ResponseStatusError,
  type ResponseStatusErrorOptions,
} from '../errors/response-status-error.js';
import { SiteMisconfiguredError } from '../errors/site-misconfigured-error.js';
import { UnexpectedReplyError } from '../errors/unexpected-reply-error.js';
import type { RateLimitSignals, ResponseSignal } from '../sites/provider-definition.js';

/** The longest summary of a body put into an error message. */
const MAX_SUMMARY_LENGTH = 200;

/**
 * What in a 403, 503 or 2xx page shows that it is Cloudflare's challenge, not the site's answer.
 */
const CHALLENGE_MARKERS = [
  '<title>Just a moment...</title>',
  '<title>Attention Required! | Cloudflare</title>',
  'cf-spinner-please-wait',
  'cf-please-wait',
  'cf-cloudflare-status',
];

/** The content types of a page: a 2xx with one is a page served instead of the site's reply. */
const PAGE_CONTENT_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)\s*(?:;|$)/i;

/**
 * Whether a 2xx response's `content-type` makes it a page rather than a reply. Neither template ever
 * types a reply as HTML (GeminiProChat sends `text/plain`, chatgpt-demo nothing), so a reply whose text
 * happens to be HTML, a model's answer to "write me a web page", is never mistaken for one.
 */
export function isPageContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && PAGE_CONTENT_TYPE.test(contentType);
}

/** A response that is not a reply, as read from the wire. */
export interface FailedResponse {
  /** The provider's id. */
  provider: string;
  /** The request URL. */
  url: string;
  /** The HTTP status. */
  status: number;
  /** The response headers, lowercased names. */
  headers: Record<string, string>;
  /** The start of the response body. */
  body: string;
}

/**
 * Turns a failed response (a status that is not 2xx, or a 2xx page: see {@link isPageContentType})
 * into the error a caller handles: the site's spent-quota signs or 429 → RateLimitError; the
 * deployment's misconfiguration signs → SiteMisconfiguredError; a Cloudflare page (a 2xx challenge
 * included) or 520 → CloudflareError; any other 2xx page → UnexpectedReplyError; 401 →
 * AuthRejectedError saying which credential was refused; anything else → ResponseStatusError. The
 * message carries a one-line summary of the body.
 */
export function createResponseError(
  response: FailedResponse,
  rateLimit: RateLimitSignals | undefined,
  misconfiguration: readonly ResponseSignal[] = [],
): ResponseStatusError {
  const options = {
    ...response,
    detail: summarizeBody(response.body, response.headers['content-type']),
    retryAfter: parseRetryAfter(response.headers),
  };
  const { status, body } = response;
  if (matchesAny(rateLimit?.spentQuota, status, body)) {
    return new RateLimitError({ ...options, quotaExhausted: true, retryAfter: undefined });
  }
  if (status === 429) {
    return new RateLimitError({ ...options, quotaExhausted: false });
  }
  if (matchesAny(misconfiguration, status, body)) {
    return new SiteMisconfiguredError({
      ...options,
      detail: `the site's own key to its model is refused (the deployment is misconfigured; only its owner can fix it): ${options.detail}`,
    });
  }
  if (isCloudflareResponse(status, body)) return new CloudflareError(options);
  if (status < 300) {
    return new UnexpectedReplyError({
      ...options,
      detail: `${options.detail} came instead of a reply (does the base URL lead to the site's API?)`,
    });
  }
  if (status === 401) return refusedCredentials(options);
  return new ResponseStatusError(options);
}

/**
 * The spent quota of a site that answers 200 with its quota text as the whole reply (FreeGpt's): a
 * RateLimitError like a failed response's, whose body is that text, marked `fromReplyText`.
 */
export function createQuotaReplyError(provider: string, url: string, text: string): RateLimitError {
  return new RateLimitError({
    provider,
    url,
    status: 200,
    headers: {},
    body: text,
    detail: `the site's quota is spent: its whole reply was "${text}"`,
    quotaExhausted: true,
    fromReplyText: true,
    retryAfter: undefined,
  });
}

/** Whether a response with this status and body is one of `signals`. */
function matchesAny(
  signals: readonly ResponseSignal[] | undefined,
  status: number,
  body: string,
): boolean {
  return (
    signals?.some((signal) => signal.status === status && body.includes(signal.bodyIncludes)) ??
    false
  );
}

/** A 401, named for the credential the template's answer says it refused. */
function refusedCredentials(options: ResponseStatusErrorOptions): AuthRejectedError {
  const { detail } = options;
  if (detail === 'Invalid password.') {
    return new AuthRejectedError({
      ...options,
      credential: 'password',
      detail: `the site wants a password, or another one (the password setting): ${detail}`,
    });
  }
  if (detail === 'Invalid signature.') {
    return new AuthRejectedError({
      ...options,
      credential: 'signature',
      detail: `the site refused the signature: the secret setting does not match the site's: ${detail}`,
    });
  }
  return new AuthRejectedError({ ...options, credential: 'unknown' });
}

/**
 * Summarises an error response body in one line for an error message: the `error.message` (or
 * `error.code`, or `message`) of a JSON body, the title of an HTML page (never the page itself), or the
 * text's first line, cut short.
 */
function summarizeBody(body: string, contentType = ''): string {
  const text = body.trim();
  if (text === '') return 'empty body';
  const fromJSON = jsonErrorMessage(text);
  if (fromJSON !== undefined) return cut(fromJSON);
  if (contentType.includes('html') || /^<(!doctype|html)/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return title ? `an HTML page titled "${cut(title)}"` : 'an HTML page';
  }
  return cut(text.split('\n', 1)[0] ?? '');
}

function jsonErrorMessage(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const { message, code } = error as Record<string, unknown>;
    if (typeof message === 'string') return message;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
  }
  return typeof record.message === 'string' ? record.message : undefined;
}

function cut(text: string): string {
  return text.length > MAX_SUMMARY_LENGTH ? `${text.slice(0, MAX_SUMMARY_LENGTH)}…` : text;
}

/**
 * Whether a response is Cloudflare's rather than the site's: its "unknown error" 520, or a 403, 503 or
 * 2xx challenge page.
 */
function isCloudflareResponse(status: number, body: string): boolean {
  if (status === 520) return true;
  if (status !== 403 && status !== 503 && status >= 300) return false;
  return CHALLENGE_MARKERS.some((marker) => body.includes(marker));
}

/** A wait as `Retry-After` and `retry-after-ms` write it: digits, maybe with a fraction. */
const WAIT = /^\d+(\.\d+)?$/;

/** The start of an HTTP date, in each of its three formats: the day's name. */
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/;

/**
 * Reads how long a response asks the client to wait, in milliseconds: `retry-after-ms`, then
 * `Retry-After` as seconds or as an HTTP date. Undefined when neither is there or readable: a
 * negative number, another notation, a number too large to hold, a text that is no HTTP date.
 */
function parseRetryAfter(headers: Readonly<Record<string, string>>): number | undefined {
  const milliseconds = readWait(headers['retry-after-ms'], 1);
  if (milliseconds !== undefined) return milliseconds;
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (WAIT.test(value)) return readWait(value, 1000);
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A header's wait in `unit` milliseconds, rounded up; undefined when it is not one. */
function readWait(text: string | undefined, unit: number): number | undefined {
  const value = text?.trim();
  if (value === undefined || !WAIT.test(value)) return undefined;
  const milliseconds = Math.ceil(Number(value) * unit);
  return Number.isFinite(milliseconds) ? milliseconds : undefined;
}
