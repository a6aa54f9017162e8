import { describeValue } from './describe-value.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { ModelNotFoundError } from './errors/model-not-found-error.js';
import { MESSAGE_ROLES, type Message } from './message.js';
import type { ChatRequest, ProviderInfo } from './provider.js';

/**
 * Checks a request before any traffic and returns its conversation and model. Bad input is an
 * InvalidRequestError naming the field; a model outside `models` is a ModelNotFoundError.
 */
export function validateRequest<MODEL extends string>(
  provider: ProviderInfo<MODEL>,
  request: ChatRequest<MODEL>,
): { messages: Message[]; model: MODEL } {
  const fail = (field: string, message: string): never => {
    throw new InvalidRequestError({ provider: provider.id, field, message });
  };
  if (typeof request !== 'object' || request === null) return fail('request', 'expected an object');
  const { signal } = request;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    fail('signal', 'expected an AbortSignal');
  }
  return {
    messages: validateMessages(request.messages, fail),
    model: resolveModel(provider, request.model, fail),
  };
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
  fail: (field: string, message: string) => never,
): MODEL {
  if (model === undefined || model === '') return provider.defaultModel;
  if (typeof model !== 'string')
    return fail('model', `expected a string, got ${describeValue(model)}`);
  if (!provider.models.includes(model as MODEL)) {
    throw new ModelNotFoundError({ provider: provider.id, model, models: provider.models });
  }
  return model as MODEL;
}
