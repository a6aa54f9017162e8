import type { ServerResponse } from 'node:http';
import { MESSAGE_ROLES } from '@freechat/core';
import Fastify from 'fastify';
import type { FloorRequest } from './floor-events.js';

/** The JSON schema Fastify checks each body against (compiled once by its AJV): model and messages. */
const FLOOR_REQUEST_SCHEMA = {
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string' },
    stream: { type: 'boolean' },
    messages: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['role', 'content'],
        properties: { role: { enum: MESSAGE_ROLES }, content: { type: 'string' } },
      },
    },
  },
} as const;

/** A Fastify floor listening on loopback. */
export interface FloorRoute {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Closes the Fastify instance. */
  close(): Promise<void>;
}

/**
 * Starts a bare Fastify instance (no logger, no plugins, no hooks) on loopback with one route,
 * `POST /v1/chat/completions`, whose body Fastify parses and checks against a small JSON schema; the
 * route hijacks the reply and lets `stream` write the completion on the raw `ServerResponse`.
 */
export async function listenFloorRoute(
  stream: (request: FloorRequest, response: ServerResponse) => Promise<void>,
): Promise<FloorRoute> {
  const fastify = Fastify();
  fastify.post<{ Body: FloorRequest }>(
    '/v1/chat/completions',
    { schema: { body: FLOOR_REQUEST_SCHEMA } },
    async (request, reply) => {
      reply.hijack();
      await stream(request.body, reply.raw);
    },
  );
  const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => fastify.close() };
}
