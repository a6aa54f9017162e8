import type { FastifyInstance } from 'fastify';
import type { ActiveCompletions } from './server-active-completions.js';
import { runCompletion } from './server-chat-completion.js';
import { readChatInput } from './server-chat-input.js';
import { type ChatCompletionBody, chatCompletionBodySchema } from './server-chat-schema.js';
import type { ModelCatalog } from './server-model-catalog.js';

/** What the chat route needs. */
export interface ChatRouteOptions {
  catalog: ModelCatalog;
  active: ActiveCompletions;
  logContents: boolean;
  writeTimeout: number;
  maxReplyBytes: number;
  dropParams: boolean;
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
      await runCompletion({
        request,
        reply,
        model,
        input,
        active: options.active,
        logContents: options.logContents,
        writeTimeout: options.writeTimeout,
        maxReplyBytes: options.maxReplyBytes,
      });
      return reply;
    },
  );
}
