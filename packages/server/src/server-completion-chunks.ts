import type { OpenAIErrorBody } from './server-http-error.js';
import type { FinishReason } from './server-reply-source.js';
import type { CompletionUsage } from './server-usage.js';

/** The event that ends every stream. */
export const DONE_EVENT = 'data: [DONE]\n\n';

/** What every chunk of one completion shares. */
export interface CompletionIdentity {
  /** `chatcmpl-…` */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model name echoed back. */
  model: string;
  /** Whether every chunk carries `usage: null` and a usage chunk ends the stream. */
  includeUsage: boolean;
}

/**
 * The server-sent events of one streamed completion (`chat.completion.chunk`). The content event is
 * a template serialised once per completion: each chunk costs one `JSON.stringify` of its text.
 */
export class CompletionChunks {
  readonly #identity: CompletionIdentity;
  readonly #contentPrefix: string;
  readonly #contentSuffix: string;

  constructor(identity: CompletionIdentity) {
    this.#identity = identity;
    const marker = '\u0000content\u0000';
    const template = this.#event({ content: marker }, null);
    const [prefix, suffix] = template.split(JSON.stringify(marker)) as [string, string];
    this.#contentPrefix = prefix;
    this.#contentSuffix = suffix;
  }

  /** The first event: `delta: {role: 'assistant', content: ''}`. */
  role(): string {
    return this.#event({ role: 'assistant', content: '' }, null);
  }

  /** An event with `delta: {content: text}`. */
  content(text: string): string {
    return this.#contentPrefix + JSON.stringify(text) + this.#contentSuffix;
  }

  /** The event with an empty delta and the finish reason (`stop` unless given). */
  finish(reason: FinishReason = 'stop'): string {
    return this.#event({}, reason);
  }

  /** The usage event: empty `choices` and the usage counts. */
  usage(usage: CompletionUsage): string {
    const { id, created, model } = this.#identity;
    const chunk = { id, object: 'chat.completion.chunk', created, model, choices: [], usage };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }

  /** An error event, sent when the reply fails after the response has started. */
  error(body: OpenAIErrorBody): string {
    return `data: ${JSON.stringify(body)}\n\n`;
  }

  #event(delta: Record<string, string>, finishReason: FinishReason | null): string {
    const { id, created, model, includeUsage } = this.#identity;
    const chunk: Record<string, unknown> = {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (includeUsage) chunk.usage = null;
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }
}
