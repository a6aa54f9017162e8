import { markAs, ProviderError } from '../errors/provider-error.js';

const marker = Symbol.for('freechat.error.ToolCallError');

/** What a ToolCallError is constructed from. */
export interface ToolCallErrorOptions {
  /** The provider's id. */
  provider: string;
  /** `no-call`: the replies called no tool; `invalid-call`: they tried, and no call could be used. */
  kind: 'no-call' | 'invalid-call';
  /** What was wrong with the last reply's calls, one line each (none for `no-call`). */
  problems: readonly string[];
  /** How many times the model was asked (the request and its corrective retries). */
  attempts: number;
}

/**
 * The tool choice required a call (`required`, or a named tool) and the model made no valid one,
 * even when asked again with what was wrong. Retryable: the same request may succeed.
 */
export class ToolCallError extends ProviderError {
  /** `no-call` or `invalid-call`. */
  readonly kind: 'no-call' | 'invalid-call';
  /** What was wrong with the last reply's calls. */
  readonly problems: readonly string[];
  /** How many times the model was asked. */
  readonly attempts: number;
  constructor({ provider, kind, problems, attempts }: ToolCallErrorOptions) {
    const what = kind === 'no-call' ? 'called no tool' : 'made no valid tool call';
    const times = attempts === 1 ? 'once' : `${attempts} times`;
    super({
      provider,
      reason: `the model ${what} though the tool choice requires one (asked ${times})`,
      details: problems,
      isRetryable: true,
    });
    this.name = 'ToolCallError';
    markAs(this, marker);
    this.kind = kind;
    this.problems = problems;
    this.attempts = attempts;
  }

  /** Whether `error` is a ToolCallError, from any copy of core. */
  static override isInstance(error: unknown): error is ToolCallError {
    return ProviderError.hasMarker(error, marker);
  }
}
