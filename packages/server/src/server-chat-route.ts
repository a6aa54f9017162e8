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
}

/** Registers `POST /v1/chat/completions`. */
export function registerChatRoute(fastify: FastifyInstance, options: ChatRouteOptions): void {
  fastify.post<{ Body: ChatCompletionBody }>(
    '/v1/chat/completions',
    { schema: { body: chatCompletionBodySchema } },
    async (request, reply) => {
      const input = readChatInput(request.body);
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
