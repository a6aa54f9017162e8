import type { FastifyInstance } from 'fastify';
import type { ChatRouteOptions } from '../chat/chat-route.js';
import { runReply } from '../reply/reply-run.js';
import { ResponsesFormat } from './responses-format.js';
import { readResponsesInput } from './responses-input.js';
import { ResponseRecord } from './responses-object.js';
import { type ResponsesBody, responsesBodySchema } from './responses-schema.js';

/** Registers `POST /v1/responses` (OpenAI's Responses API); it needs what the chat route needs. */
export function registerResponsesRoute(fastify: FastifyInstance, options: ChatRouteOptions): void {
  fastify.post<{ Body: ResponsesBody }>(
    '/v1/responses',
    { schema: { body: responsesBodySchema } },
    async (request, reply) => {
      const input = readResponsesInput(request.body);
      const model = options.catalog.resolve(request.body.model);
      const record = new ResponseRecord(model.name, input.messages, input.echo);
      const format = new ResponsesFormat(record);
      await runReply({ ...input, request, reply, model, format, name: 'response' }, options);
      return reply;
    },
  );
}
