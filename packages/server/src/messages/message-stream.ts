import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactSecrets } from '../http/log-redaction.js';
import { toHttpError } from '../http/to-http-error.js';
import { EventStream } from '../reply/event-stream.js';
import { anthropicErrorBody } from './anthropic-error.js';
import type { MessageEvents } from './message-events.js';
import { estimateTokens } from './message-object.js';
import type { MessagePart, MessageParts } from './message-parts.js';

/** How a streamed message ended: with its stop reason, with an error, or with the client gone. */
export type MessageStreamOutcome = 'over' | 'failed' | 'client closed';

/** What {@link streamMessage} needs. */
export interface MessageStreamOptions {
  request: FastifyRequest;
  reply: FastifyReply;
  parts: MessageParts;
  events: MessageEvents;
  /** The prompt's estimated tokens. */
  inputTokens: number;
  /** Aborted when the client leaves or the server's grace period runs out. */
  signal: AbortSignal;
  /** Milliseconds the client may take no data before it is dropped. */
  writeTimeout: number;
  /** Called with each part as it is sent. */
  collect(part: MessagePart): void;
}

const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * Streams the message as Anthropic's server-sent events. The first part is pulled before the
 * response head is written, so a failure before it is thrown (and answered with its real status); a
 * failure after it ends the stream with an `error` event.
 */
export async function streamMessage(options: MessageStreamOptions): Promise<MessageStreamOutcome> {
  const { request, reply, parts, events, collect } = options;
  const first = await parts.next();
  reply.hijack();
  const stream = new EventStream(reply.raw, options.signal, options.writeTimeout);
  stream.start({ ...reply.getHeaders(), ...EVENT_STREAM_HEADERS } as Record<string, string>);
  let head = events.start(options.inputTokens);
  if (first !== undefined) {
    collect(first);
    head += events.part(first);
  }
  await stream.write(head);
  try {
    if (first !== undefined) {
      for (let part = await parts.next(); part !== undefined; part = await parts.next()) {
        collect(part);
        const drained = stream.write(events.part(part));
        if (drained !== undefined) await drained;
      }
    }
  } catch (error) {
    if (stream.closed) return 'client closed';
    const failure = toHttpError(error);
    request.log.warn(
      { status: failure.status, error: redactSecrets(failure.message) },
      'reply failed',
    );
    stream.end(events.failure(anthropicErrorBody(failure, request.id)));
    return 'failed';
  }
  if (stream.closed) return 'client closed';
  stream.end(events.end(parts.stop, options.inputTokens, estimateTokens(parts.characters)));
  return 'over';
}
