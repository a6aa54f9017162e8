import { markAs, ProviderError } from './provider-error.js';

const marker = Symbol.for('freechat.error.ReplyEncodingError');

/**
 * The reply's `Content-Encoding` cannot be decoded: an encoding other than gzip, deflate and br, or
 * compressed data that is corrupt. The raw bytes are never returned as text. Not retryable.
 */
export class ReplyEncodingError extends ProviderError {
  /** The URL the request went to. */
  readonly url: string;
  /** The `Content-Encoding` the reply declared. */
  readonly encoding: string;
  constructor({
    provider,
    url,
    encoding,
    cause,
  }: { provider: string; url: string; encoding: string; cause?: unknown }) {
    super({
      provider,
      message:
        cause === undefined
          ? `the reply from POST ${url} is encoded as "${encoding}", which cannot be decoded (gzip, deflate and br can)`
          : `the reply from POST ${url} is not valid ${encoding} data: ${(cause as Error).message}`,
      cause,
    });
    this.name = 'ReplyEncodingError';
    markAs(this, marker);
    this.url = url;
    this.encoding = encoding;
  }

  /** Whether `error` is a ReplyEncodingError, from any copy of core. */
  static override isInstance(error: unknown): error is ReplyEncodingError {
    return ProviderError.hasMarker(error, marker);
  }
}
