import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ReplyEncodingError');

/** What a ReplyEncodingError is constructed from. */
export interface ReplyEncodingErrorOptions {
  /** The provider's id. */
  provider: string;
  /** The URL the request went to. */
  url: string;
  /** The `Content-Encoding` the reply declared. */
  encoding: string;
  /** The decoder's error, when the data was corrupt. */
  cause?: unknown;
}

/**
 * The reply's `Content-Encoding` cannot be decoded: an encoding other than gzip, deflate and br, or
 * compressed data that is corrupt. The raw bytes are never returned as text. Not retryable.
 */
export class ReplyEncodingError extends ProviderError {
  /** The `Content-Encoding` the reply declared. */
  readonly encoding: string;
  constructor({ provider, url, encoding, cause }: ReplyEncodingErrorOptions) {
    super({
      provider,
      url,
      reason:
        cause === undefined
          ? `the reply is encoded as "${encoding}", which cannot be decoded (gzip, deflate and br can)`
          : `the reply is not valid ${encoding} data: ${(cause as Error).message}`,
      cause,
    });
    this.name = 'ReplyEncodingError';
    markAs(this, marker);
    this.encoding = encoding;
  }

  /** Whether `error` is a ReplyEncodingError, from any copy of core. */
  static override isInstance(error: unknown): error is ReplyEncodingError {
    return ProviderError.hasMarker(error, marker);
  }
}
