import type { Provider } from '@freechat/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatRouteOptions } from '../chat/chat-route.js';
import { DROPPED_PARAMS_HEADER } from '../chat/unsupported-params.js';
import { ACCEPTS_X_API_KEY } from '../http/api-key.js';
import { pooledRandomBytes } from '../http/random-bytes.js';
import { runReply } from '../reply/reply-run.js';
import { answerInAnthropicShape, anthropicRateLimitError } from './anthropic-error.js';
import { MessageFormat } from './message-format.js';
import { estimateTokens, toolUseCharacters } from './message-object.js';
import { type MessagesPrompt, readMessagesInput, readMessagesPrompt } from './messages-input.js';
import { MODEL_SUBSTITUTED_HEADER, resolveMessagesModel } from './messages-model.js';
import {
  countTokensBodySchema,
  type MessagesBody,
  type MessagesPromptBody,
  messagesBodySchema,
} from './messages-schema.js';

/** What the Messages routes need: what the chat route needs, and the chain of every provider. */
export interface MessagesRouteOptions extends ChatRouteOptions {
  /**
   * Every provider in order (those cooling down skipped), each with its own default model: what
   * answers a `claude-…` model the server does not serve.
   */
  everyProvider: Provider;
}

/** The body of `POST /v1/messages/count_tokens`. */
export interface MessageTokensCount {
  /** The prompt's estimated tokens (its characters, as the site gets them, divided by 4). */
  input_tokens: number;
}

/**
 * Registers Anthropic's Messages API: `POST /v1/messages` (streaming or not, with tools through
 * core's prompt format) and `POST /v1/messages/count_tokens`, with a query string or without
 * (Claude Code sends `?beta=true`). The key may come as `x-api-key` too; every error and every
 * unknown URL under `/v1/messages` is answered in Anthropic's shape; a request over its key's
 * limits gets Anthropic's 429.
 */
export function registerMessagesRoutes(
  fastify: FastifyInstance,
  options: MessagesRouteOptions,
): void {
  const resolveModel = (request: FastifyRequest, reply: FastifyReply, name: string) => {
    const { model, substituted } = resolveMessagesModel(
      options.catalog,
      options.everyProvider,
      name,
    );
    if (substituted !== undefined) {
      reply.header(MODEL_SUBSTITUTED_HEADER, substituted);
      request.log.warn({ asked: substituted, model: model.name }, 'model substituted');
    }
    return model;
  };
  fastify.register(
    async (scope) => {
      answerInAnthropicShape(scope);
      scope.post<{ Body: MessagesBody }>(
        '',
        { schema: { body: messagesBodySchema }, config: ACCEPTS_X_API_KEY },
        async (request, reply) => {
          reply.header('request-id', request.id);
          const input = readMessagesInput(request.body, options);
          announceDropped(request, reply, input);
          const model = resolveModel(request, reply, request.body.model);
          const identity = {
            id: `msg_${pooledRandomBytes(18).toString('base64url')}`,
            model: model.name,
          };
          const format = new MessageFormat(identity, input.prompt, request.id);
          const meter = await options.limiter.admit(request, reply, anthropicRateLimitError);
          await runReply(
            {
              ...input,
              request,
              reply,
              model,
              format,
              meter,
              callLength: toolUseCharacters,
              name: 'message',
            },
            options,
          );
          return reply;
        },
      );
      scope.post<{ Body: MessagesPromptBody }>(
        '/count_tokens',
        { schema: { body: countTokensBodySchema }, config: ACCEPTS_X_API_KEY },
        async (request, reply): Promise<MessageTokensCount> => {
          reply.header('request-id', request.id);
          const prompt = readMessagesPrompt(request.body, options);
          announceDropped(request, reply, prompt);
          resolveModel(request, reply, request.body.model);
          return { input_tokens: estimateTokens(prompt.prompt.characters) };
        },
      );
    },
    { prefix: '/v1/messages' },
  );
}

/** Names the parameters ignored under `dropParams` in a header and a log line. */
function announceDropped(request: FastifyRequest, reply: FastifyReply, prompt: MessagesPrompt) {
  if (prompt.droppedParams.length === 0) return;
  reply.header(DROPPED_PARAMS_HEADER, prompt.droppedParams.join(', '));
  request.log.warn({ droppedParams: prompt.droppedParams }, 'parameters dropped');
}
