import type { Message, TemplateId } from '@freechat/core';
import {
  emulatedReplyBytes,
  type FaultKind,
  invalidUtf8DecodedText,
  partialReplyLength,
  SITE_TEMPLATE,
  type SiteId,
} from '@freechat/emulator';
import type { QuotaSignal, ReliabilitySite } from './reliability-sites.js';

/** What text reaches the caller before a fault's outcome. */
export type ExpectedText =
  /** The site's whole default reply, exactly. */
  | 'whole-reply'
  /**
   * Exactly the emulator's partial reply (the first `partialReplyLength` bytes of the default reply: at
   * most `PARTIAL_REPLY_CHUNKS` chunks and never more than half), as a streaming decoder makes them.
   */
  | 'partial-reply'
  /** A prefix of `partial-reply`: a reset may discard bytes the client had not read yet. */
  | 'partial-reply-or-less'
  /** `invalidUtf8DecodedText()`: every invalid byte sequence turned into U+FFFD. */
  | 'invalid-utf8'
  /** No text at all. */
  | 'nothing';

/** The freechat error classes a fault can end in. */
export type FaultErrorName =
  | 'RateLimitError'
  | 'ResponseStatusError'
  | 'CloudflareError'
  | 'AuthRejectedError'
  | 'ModelFailedMidReplyError'
  | 'ConnectionError'
  | 'TimeoutError'
  | 'SiteMisconfiguredError'
  | 'UnexpectedReplyError'
  | 'EmptyReplyError';

/** The error a fault must end in: its exact class, and fields it must carry. */
export interface ExpectedError {
  /** The error's class (its `name`; checked with the class's `isInstance` too). */
  readonly name: FaultErrorName;
  /** Fields the error must have, `isRetryable` always among them. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** How a stream that meets a fault must end: the text the caller saw, then an error or a normal end. */
export interface FaultOutcome {
  /** The text yielded before the end. */
  readonly text: ExpectedText;
  /** The error the stream throws; undefined when it ends normally. */
  readonly error: ExpectedError | undefined;
}

/** One cell of the table: how the stream must end. */
export interface FaultExpectation {
  /** What the clients do. */
  readonly outcome: FaultOutcome;
}

function fails(text: ExpectedText, name: FaultErrorName, fields: Record<string, unknown>) {
  return { text, error: { name, fields } };
}

function statusError(status: number, isRetryable: boolean): FaultOutcome {
  return fails('nothing', 'ResponseStatusError', { status, isRetryable });
}

/** GeminiProChat's 500 relaying Gemini's `Quota exceeded`: a spent quota, never retried. */
const QUOTA_500 = fails('nothing', 'RateLimitError', {
  status: 500,
  quotaExhausted: true,
  retryAfter: undefined,
  isRetryable: false,
});

/** A row that differs per site: the outcome for each way of signalling a spent quota. */
type PerQuotaSignal = Readonly<Record<QuotaSignal, FaultExpectation>>;

/**
 * A row that differs per template; `as-quota`: the site's `quota` row (a GeminiProChat site relays the
 * model's quota as its own quota).
 */
type PerTemplate = Readonly<Record<TemplateId, FaultExpectation | 'as-quota'>>;

type FaultRow =
  | { readonly kind: 'all'; readonly expectation: FaultExpectation }
  | { readonly kind: 'quota'; readonly bySignal: PerQuotaSignal }
  | { readonly kind: 'template'; readonly byTemplate: PerTemplate };

/**
 * THE fault table: every fault the emulator plays, and how a provider's stream must end when it meets
 * it once (`maxRetries: 0`, one base URL). The quota rows differ between sites (a site with no known
 * quota sign gets a plain 500), `model-quota` and `invalid-api-key` between templates.
 */
const FAULT_TABLE: Readonly<Record<FaultKind, FaultOutcome | FaultRow>> = {
  quota: {
    kind: 'quota',
    bySignal: {
      status: { outcome: QUOTA_500 },
      'reply-text': {
        outcome: fails('nothing', 'RateLimitError', {
          status: 200,
          quotaExhausted: true,
          isRetryable: false,
        }),
      },
      none: { outcome: statusError(500, true) },
    },
  },
  'rate-limit': fails('nothing', 'RateLimitError', {
    status: 429,
    quotaExhausted: false,
    retryAfter: 1000,
    isRetryable: true,
  }),
  'server-error': statusError(500, true),
  'bad-gateway': statusError(502, true),
  'service-unavailable': statusError(503, true),
  'gateway-timeout': statusError(504, true),
  cloudflare: fails('nothing', 'CloudflareError', { status: 403, isRetryable: false }),
  'cloudflare-520': fails('nothing', 'CloudflareError', { status: 520, isRetryable: true }),
  'invalid-signature': fails('nothing', 'AuthRejectedError', { status: 401, isRetryable: false }),
  'reset-before-headers': fails('nothing', 'ConnectionError', { isRetryable: true }),
  'reset-mid-reply': fails('partial-reply-or-less', 'ConnectionError', { isRetryable: true }),
  'stall-before-headers': fails('nothing', 'TimeoutError', {
    phase: 'response',
    isRetryable: true,
  }),
  'stall-mid-reply': fails('partial-reply', 'TimeoutError', { phase: 'idle', isRetryable: true }),
  truncated: fails('partial-reply', 'ConnectionError', { isRetryable: true }),
  'invalid-utf8': { text: 'invalid-utf8', error: undefined },
  trickle: { text: 'whole-reply', error: undefined },
  'model-quota': {
    kind: 'template',
    byTemplate: {
      'gemini-pro-chat': 'as-quota',
      'chatgpt-demo': {
        outcome: fails('nothing', 'RateLimitError', {
          status: 429,
          quotaExhausted: true,
          isRetryable: false,
        }),
      },
    },
  },
  'fetch-failed': statusError(500, true),
  'internal-error-mid-reply': fails('partial-reply', 'ModelFailedMidReplyError', {
    status: 200,
    isRetryable: true,
  }),
  'stall-after-reply': fails('whole-reply', 'TimeoutError', { phase: 'idle', isRetryable: true }),
  'reset-close-delimited': fails('partial-reply-or-less', 'ConnectionError', { isRetryable: true }),
  'gzip-reply': { text: 'whole-reply', error: undefined },
  'br-reply': { text: 'whole-reply', error: undefined },
  'no-content-type': { text: 'whole-reply', error: undefined },
  'cloudflare-200': fails('nothing', 'CloudflareError', { status: 200, isRetryable: false }),
  'html-page': fails('nothing', 'UnexpectedReplyError', { status: 200, isRetryable: false }),
  'invalid-api-key': {
    kind: 'template',
    byTemplate: {
      'gemini-pro-chat': {
        outcome: fails('nothing', 'SiteMisconfiguredError', { status: 500, isRetryable: false }),
      },
      'chatgpt-demo': {
        outcome: fails('nothing', 'SiteMisconfiguredError', { status: 401, isRetryable: false }),
      },
    },
  },
  'empty-reply': fails('nothing', 'EmptyReplyError', { status: 200, isRetryable: true }),
};

/** The faults the table covers, in its order. */
export const TABLE_FAULTS = Object.keys(FAULT_TABLE) as FaultKind[];

/** How `site`'s stream must end when it meets `fault` once, and whether the clients do that yet. */
export function expectedFault(fault: FaultKind, site: ReliabilitySite): FaultExpectation {
  const row = FAULT_TABLE[fault];
  if ('text' in row) return { outcome: row };
  switch (row.kind) {
    case 'all':
      return row.expectation;
    case 'quota':
      return row.bySignal[site.quota];
    case 'template': {
      const expectation = row.byTemplate[SITE_TEMPLATE[site.site]];
      return expectation === 'as-quota' ? expectedFault('quota', site) : expectation;
    }
  }
}

/**
 * The exact text `expected` stands for, for a conversation sent to `site` by an emulator writing
 * `chunkSize`-byte chunks. For `partial-reply-or-less` it is the longest text allowed.
 */
export function expectedTextFor(
  expected: ExpectedText,
  site: SiteId,
  messages: readonly Message[],
  chunkSize: number,
): string {
  switch (expected) {
    case 'whole-reply':
      return new TextDecoder().decode(emulatedReplyBytes(site, messages));
    case 'partial-reply':
    case 'partial-reply-or-less': {
      const reply = emulatedReplyBytes(site, messages);
      const bytes = reply.subarray(0, partialReplyLength(reply.length, chunkSize));
      return new TextDecoder().decode(bytes, { stream: true });
    }
    case 'invalid-utf8':
      return invalidUtf8DecodedText();
    case 'nothing':
      return '';
  }
}
