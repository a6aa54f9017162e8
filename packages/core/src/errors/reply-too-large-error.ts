import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ReplyTooLargeError');

/** What a ReplyTooLargeError is constructed from. */
export interface ReplyTooLargeErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The URL the request went to. */
  url: string;
  /** The bound that was exceeded, in bytes of the decoded reply. */
  maxReplyBytes: number;
}

/**
 * The reply grew past `maxReplyBytes` (16 MiB by default for `complete()`); the request was closed at
 * that point. Not retryable: the same request would get the same reply.
 */
export class ReplyTooLargeError extends ProviderError {
  /** The bound that was exceeded, in bytes of the decoded reply. */
  readonly maxReplyBytes: number;
  constructor({ provider, url, maxReplyBytes }: ReplyTooLargeErrorOptions) {
    super({
      provider,
      url,
      reason: `the reply grew past ${maxReplyBytes} bytes (maxReplyBytes); the request was closed`,
    });
    this.name = 'ReplyTooLargeError';
    markAs(this, marker);
    this.maxReplyBytes = maxReplyBytes;
  }

  /** Whether `error` is a ReplyTooLargeError, from any copy of core. */
  static override isInstance(error: unknown): error is ReplyTooLargeError {
    return ProviderError.hasMarker(error, marker);
  }
}
