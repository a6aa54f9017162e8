import type { FastifyInstance } from 'fastify';
import type { ChatRouteOptions } from '../chat/chat-route.js';
import { runReply } from '../reply/reply-run.js';
import { openAIRateLimitError } from '../state/openai-rate-limit.js';
import type { StoredResponses } from '../state/stored-responses.js';
import { ResponsesFormat } from './responses-format.js';
import { readResponsesInput } from './responses-input.js';
import { ResponseRecord } from './responses-object.js';
import {
  type ResponsesBody,
  type ResponsesInputItem,
  responsesBodySchema,
} from './responses-schema.js';

/** What the Responses route needs: what the chat route needs, and the stored Responses. */
export interface ResponsesRouteOptions extends ChatRouteOptions {
  responses: StoredResponses;
}

/**
 * Registers `POST /v1/responses` (OpenAI's Responses API). A Response is stored unless `store` is
 * false, and `previous_response_id` continues the conversation of a stored one.
 */
export function registerResponsesRoute(
  fastify: FastifyInstance,
  options: ResponsesRouteOptions,
): void {
  fastify.post<{ Body: ResponsesBody }>(
    '/v1/responses',
    { schema: { body: responsesBodySchema } },
    async (request, reply) => {
      const turn = await options.responses.begin(request, request.body);
      // Stored items were read as input or written as output: they read as input again.
      const history = turn.history as readonly ResponsesInputItem[];
      const input = readResponsesInput(request.body, history);
      const model = options.catalog.resolve(request.body.model);
      const record = new ResponseRecord(model.name, input.messages, input.echo);
      const format = new ResponsesFormat(record, (response) => turn.save(response));
      const meter = await options.limiter.admit(request, reply, openAIRateLimitError);
      await runReply({ ...input, request, reply, model, format, meter, name: 'response' }, options);
      return reply;
    },
  );
}
