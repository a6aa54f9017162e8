import { ModelNotFoundError } from '../errors/model-not-found-error.js';
import { MESSAGE_ROLES, type Message } from '../messages/message.js';
import { describeValue } from '../settings/describe-value.js';
import { createOptionChecker, type OptionChecker } from '../settings/option-check.js';
import type { ChatRequest, ProviderInfo } from './provider.js';

/** The bounds a request falls back on where it sets none of its own. */
export interface RequestDefaults {
  /** Milliseconds until the response starts. */
  timeout: number;
  /** Milliseconds of silence allowed between two chunks. */
  idleTimeout: number;
  /** Decoded bytes of reply allowed (Infinity: no bound). */
  maxReplyBytes: number;
}

/** A request as checked: its conversation, its model and its bounds. */
export interface ValidRequest<MODEL extends string> extends RequestDefaults {
  messages: Message[];
  model: MODEL;
}

/**
 * Checks a request before any traffic and returns its conversation, model and bounds (each its own,
 * else from `defaults`). Bad input is an InvalidRequestError naming the field.
 *
 * The model rule: `model` is one of the provider's `models` (or absent, for `defaultModel`); anything
 * else is a ModelNotFoundError. The model is a label for the caller's own bookkeeping: it is never
 * sent, and the site alone decides which model answers.
 */
export function validateRequest<MODEL extends string>(
  provider: ProviderInfo<MODEL>,
  request: ChatRequest<MODEL>,
  defaults: RequestDefaults,
): ValidRequest<MODEL> {
  const check = requestChecker(provider.id);
  if (typeof request !== 'object' || request === null) {
    return check.fail('request', `expected an object, got ${describeValue(request)}`);
  }
  const { signal } = request;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    check.fail('signal', `expected an AbortSignal, got ${describeValue(signal)}`);
  }
  const { onRetry } = request;
  if (onRetry !== undefined && typeof onRetry !== 'function') {
    check.fail('onRetry', `expected a function, got ${describeValue(onRetry)}`);
  }
  return {
    messages: validateMessages(request.messages, check.fail),
    model: resolveModel(provider, request.model, check),
    maxReplyBytes: check.size('maxReplyBytes', request.maxReplyBytes, defaults.maxReplyBytes, {
      unbounded: true,
    }),
    timeout: check.duration('timeout', request.timeout, defaults.timeout),
    idleTimeout: check.duration('idleTimeout', request.idleTimeout, defaults.idleTimeout),
  };
}

/** The request checker of each provider id, built once: a checker is a dozen closures. */
const requestCheckers = new Map<string, OptionChecker>();

function requestChecker(provider: string): OptionChecker {
  let check = requestCheckers.get(provider);
  if (check === undefined) {
    check = createOptionChecker(provider, 'request');
    requestCheckers.set(provider, check);
  }
  return check;
}

function validateMessages(
  messages: unknown,
  fail: (field: string, message: string) => never,
): Message[] {
  if (!Array.isArray(messages))
    return fail('messages', `expected an array, got ${describeValue(messages)}`);
  if (messages.length === 0) return fail('messages', 'expected at least one message');
  // Array.from visits the holes of a sparse array too (as undefined), which map() would skip.
  return Array.from(messages, (message: unknown, index) => {
    const field = `messages[${index}]`;
    if (typeof message !== 'object' || message === null) {
      return fail(field, `expected an object, got ${describeValue(message)}`);
    }
    const { role, content } = message as Record<string, unknown>;
    if (!MESSAGE_ROLES.includes(role as Message['role'])) {
      fail(
        `${field}.role`,
        `expected one of ${MESSAGE_ROLES.join(', ')}, got ${describeValue(role)}`,
      );
    }
    if (typeof content !== 'string') {
      fail(`${field}.content`, `expected a string, got ${describeValue(content)}`);
    }
    if (index === messages.length - 1 && role !== 'user') {
      fail(`${field}.role`, `the last message must be the user's, got ${describeValue(role)}`);
    }
    return { role, content } as Message;
  });
}

function resolveModel<MODEL extends string>(
  provider: ProviderInfo<MODEL>,
  model: unknown,
  check: OptionChecker,
): MODEL {
  const label = check.string('model', model, provider.defaultModel) || provider.defaultModel;
  if (!provider.models.includes(label as MODEL)) {
    throw new ModelNotFoundError({ provider: provider.id, model: label, models: provider.models });
  }
  return label as MODEL;
}
