import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ReplyTooLargeError');

/**
 * The reply grew past `maxReplyBytes` (16 MiB by default for `complete()`); the request was closed at
 * that point. Not retryable: the same request would get the same reply.
 */
export class ReplyTooLargeError extends ProviderError {
  /** The URL the request went to. */
  readonly url: string;
  /** The bound that was exceeded, in bytes of the decoded reply. */
  readonly maxReplyBytes: number;
  constructor({
    provider,
    url,
    maxReplyBytes,
  }: { provider: string; url: string; maxReplyBytes: number }) {
    super({
      provider,
      message: `the reply from POST ${url} grew past ${maxReplyBytes} bytes (maxReplyBytes); the request was closed`,
    });
    this.name = 'ReplyTooLargeError';
    markAs(this, marker);
    this.url = url;
    this.maxReplyBytes = maxReplyBytes;
  }

  /** Whether `error` is a ReplyTooLargeError, from any copy of core. */
  static override isInstance(error: unknown): error is ReplyTooLargeError {
    return ProviderError.hasMarker(error, marker);
  }
}
