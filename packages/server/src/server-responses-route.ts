import type { FastifyInstance } from 'fastify';
import type { ChatRouteOptions } from './server-chat-route.js';
import { readResponsesInput } from './server-responses-input.js';
import { runResponse } from './server-responses-run.js';
import { type ResponsesBody, responsesBodySchema } from './server-responses-schema.js';

/** Registers `POST /v1/responses` (OpenAI's Responses API); it needs what the chat route needs. */
export function registerResponsesRoute(fastify: FastifyInstance, options: ChatRouteOptions): void {
  fastify.post<{ Body: ResponsesBody }>(
    '/v1/responses',
    { schema: { body: responsesBodySchema } },
    async (request, reply) => {
      const input = readResponsesInput(request.body);
      const model = options.catalog.resolve(request.body.model);
      await runResponse({
        request,
        reply,
        model,
        input,
        active: options.active,
        logContents: options.logContents,
        writeTimeout: options.writeTimeout,
      });
      return reply;
    },
  );
}
