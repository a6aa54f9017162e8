import { EmptyReplyError } from '../errors/empty-reply-error.js';
import { ModelFailedMidReplyError } from '../errors/model-failed-mid-reply-error.js';
import type { ResponseStatusError } from '../errors/response-status-error.js';
import type { Endpoint } from '../settings/endpoint.js';
import type { ProviderDefinition } from '../sites/provider-definition.js';
import { flattenHeaders } from '../transport/flatten-headers.js';
import { createQuotaReplyError } from '../transport/response-error.js';
import type { ResponseHead } from '../transport/response-reader.js';
import { FailureTailGuard } from './failure-tail-guard.js';
import { QuotaReplyGuard } from './quota-reply-guard.js';

/**
 * What a reply's text goes through before the caller sees it, and what its end means: a reply that is,
 * whole, the site's spent-quota text is a RateLimitError (nothing of it shown); a mid-reply failure
 * marker at the end is a ModelFailedMidReplyError after the text before it; a reply that ends without
 * any text is an EmptyReplyError. One filter serves one attempt.
 */
export class ReplyFilter {
  readonly #provider: string;
  readonly #endpoint: Endpoint;
  readonly #quota: QuotaReplyGuard | undefined;
  readonly #tail: FailureTailGuard | undefined;
  /** Whether any text went to the caller. */
  #passed = false;

  constructor(definition: ProviderDefinition, endpoint: Endpoint) {
    this.#provider = definition.id;
    this.#endpoint = endpoint;
    const texts = definition.rateLimit?.replyTexts;
    this.#quota = texts === undefined ? undefined : new QuotaReplyGuard(texts);
    this.#tail =
      definition.failureTail === undefined
        ? undefined
        : new FailureTailGuard(definition.failureTail);
  }

  /** Takes the next piece of decoded text; returns what may go to the caller now. */
  accept(text: string): string {
    const unquoted = this.#quota === undefined ? text : this.#quota.accept(text);
    const passed = this.#tail === undefined ? unquoted : this.#tail.accept(unquoted);
    if (passed !== '') this.#passed = true;
    return passed;
  }

  /**
   * At the end of the reply (`head` its status and headers): the text still held back, to deliver,
   * and then the error to throw when the reply was none: the quota text, a reply ending with the
   * failure marker, or no text at all.
   */
  finish(head: ResponseHead): { text: string; error: ResponseStatusError | undefined } {
    const provider = this.#provider;
    const url = this.#endpoint.url;
    const quota = this.#quota?.finish();
    if (quota?.spent) return { text: '', error: createQuotaReplyError(provider, url, quota.text) };
    let text = quota?.text ?? '';
    if (this.#tail !== undefined) {
      const before = this.#tail.accept(text);
      const end = this.#tail.finish();
      if (end.failed) {
        const tail = this.#tail.marker;
        return { text: before, error: new ModelFailedMidReplyError({ provider, url, tail }) };
      }
      text = before + end.text;
    }
    if (text === '' && !this.#passed) {
      const { status, headers } = head;
      const error = new EmptyReplyError({
        provider,
        url,
        status,
        headers: flattenHeaders(headers),
      });
      return { text, error };
    }
    return { text, error: undefined };
  }
}
