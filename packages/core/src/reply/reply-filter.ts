import { ModelFailedMidReplyError } from '../errors/model-failed-mid-reply-error.js';
import type { RateLimitError } from '../errors/rate-limit-error.js';
import type { Endpoint } from '../settings/endpoint.js';
import type { ProviderDefinition } from '../sites/provider-definition.js';
import { createQuotaReplyError } from '../transport/response-error.js';
import { FailureTailGuard } from './failure-tail-guard.js';
import { QuotaPrefixGuard } from './quota-prefix-guard.js';

/**
 * What a reply's text goes through before the caller sees it: a spent-quota reply prefix is a
 * RateLimitError at once (nothing of it shown), and a mid-reply failure marker at the end is a
 * ModelFailedMidReplyError after the text before it. One filter serves one attempt.
 */
export class ReplyFilter {
  readonly #provider: string;
  readonly #endpoint: Endpoint;
  readonly #quota: QuotaPrefixGuard | undefined;
  readonly #tail: FailureTailGuard | undefined;

  constructor(definition: ProviderDefinition, endpoint: Endpoint) {
    this.#provider = definition.id;
    this.#endpoint = endpoint;
    const prefix = definition.rateLimit?.replyPrefix;
    this.#quota = prefix === undefined ? undefined : new QuotaPrefixGuard(prefix);
    this.#tail =
      definition.failureTail === undefined
        ? undefined
        : new FailureTailGuard(definition.failureTail);
  }

  /**
   * Takes the next piece of decoded text; returns what may go to the caller now.
   *
   * @throws RateLimitError (`quotaExhausted`) once the reply began with the site's quota text.
   */
  accept(text: string): string {
    let passed = text;
    if (this.#quota !== undefined) {
      passed = this.#quota.accept(passed);
      if (this.#quota.spent) throw this.#quotaError();
    }
    return this.#tail === undefined ? passed : this.#tail.accept(passed);
  }

  /**
   * At the end of the reply: the text still held back, to deliver, and then the error to throw when
   * the reply ended with the failure marker.
   */
  finish(): { text: string; error: ModelFailedMidReplyError | undefined } {
    const held = this.#quota?.release() ?? '';
    if (this.#tail === undefined) return { text: held, error: undefined };
    const before = this.#tail.accept(held);
    const { text, failed } = this.#tail.finish();
    if (!failed) return { text: before + text, error: undefined };
    const error = new ModelFailedMidReplyError({
      provider: this.#provider,
      url: this.#endpoint.url,
      tail: this.#tail.marker,
    });
    return { text: before, error };
  }

  #quotaError(): RateLimitError {
    return createQuotaReplyError(this.#provider, this.#endpoint.url, this.#quota?.prefix ?? '');
  }
}
