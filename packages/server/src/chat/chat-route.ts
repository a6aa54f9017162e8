import type { FastifyInstance } from 'fastify';
import { pooledRandomBytes } from '../http/random-bytes.js';
import type { ModelCatalog } from '../providers/model-catalog.js';
import { type ReplySettings, runReply } from '../reply/reply-run.js';
import type { KeyLimiter } from '../state/key-limiter.js';
import { openAIRateLimitError } from '../state/openai-rate-limit.js';
import { ChatFormat } from './chat-format.js';
import { readChatInput } from './chat-input.js';
import { type ChatCompletionBody, chatCompletionBodySchema } from './chat-schema.js';

/** What the chat and Responses routes need. */
export interface ChatRouteOptions extends ReplySettings {
  catalog: ModelCatalog;
  dropParams: boolean;
  /** The per-key limits every completion is admitted under. */
  limiter: KeyLimiter;
}

/** The response header naming the parameters ignored under `dropParams`. */
export const DROPPED_PARAMS_HEADER = 'x-freechat-dropped-params';

/** Registers `POST /v1/chat/completions`. */
export function registerChatRoute(fastify: FastifyInstance, options: ChatRouteOptions): void {
  fastify.post<{ Body: ChatCompletionBody }>(
    '/v1/chat/completions',
    { schema: { body: chatCompletionBodySchema } },
    async (request, reply) => {
      const input = readChatInput(request.body, { dropParams: options.dropParams });
      if (input.droppedParams.length > 0) {
        reply.header(DROPPED_PARAMS_HEADER, input.droppedParams.join(', '));
        request.log.warn({ droppedParams: input.droppedParams }, 'parameters dropped');
      }
      const model = options.catalog.resolve(request.body.model);
      const identity = {
        id: `chatcmpl-${pooledRandomBytes(18).toString('base64url')}`,
        created: Math.floor(Date.now() / 1000),
        model: model.name,
        includeUsage: input.includeUsage,
      };
      const format = new ChatFormat(identity, input.messages);
      const meter = await options.limiter.admit(request, reply, openAIRateLimitError);
      await runReply(
        { ...input, request, reply, model, format, meter, name: 'chat completion' },
        options,
      );
      return reply;
    },
  );
}
