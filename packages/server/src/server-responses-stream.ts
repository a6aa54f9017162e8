import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventStream } from './server-event-stream.js';
import type { ReplySource } from './server-reply-source.js';
import { ResponseEvents } from './server-responses-events.js';
import type { ResponseRecord } from './server-responses-object.js';
import type { StreamOutcome } from './server-stream-reply.js';
import { toHttpError } from './server-to-http-error.js';

/** What {@link streamResponse} needs. */
export interface StreamResponseOptions {
  request: FastifyRequest;
  reply: FastifyReply;
  record: ResponseRecord;
  source: ReplySource;
  /** Aborted when the client leaves or the server's grace period runs out. */
  signal: AbortSignal;
  /** Milliseconds the client may take no data before it is dropped. */
  writeTimeout: number;
  /** Called with each text as it is sent. */
  collect(text: string): void;
}

const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * Streams a Response as OpenAI's Responses events. As for chat completions, the first text is pulled
 * before the response head is written, so a failure before it is thrown (and answered with its real
 * status); a failure after it ends the stream with an `error` event and `response.failed`.
 */
export async function streamResponse(options: StreamResponseOptions): Promise<StreamOutcome> {
  const { reply, source, collect } = options;
  const first = await source.next();
  reply.hijack();
  const stream = new EventStream(reply.raw, options.signal, options.writeTimeout);
  stream.start({ ...reply.getHeaders(), ...EVENT_STREAM_HEADERS } as Record<string, string>);
  const events = new ResponseEvents(options.record);
  let text = '';
  let head = events.start();
  if (first !== undefined) {
    text += first;
    collect(first);
    head += events.delta(first);
  }
  await stream.write(head);
  try {
    if (first !== undefined) {
      for (let piece = await source.next(); piece !== undefined; piece = await source.next()) {
        text += piece;
        collect(piece);
        const drained = stream.write(events.delta(piece));
        if (drained !== undefined) await drained;
      }
    }
  } catch (error) {
    if (stream.closed) return 'client closed';
    const failure = toHttpError(error);
    options.request.log.warn({ status: failure.status, error: failure.message }, 'reply failed');
    stream.end(events.fail(text, failure));
    return 'failed';
  }
  if (stream.closed) return 'client closed';
  stream.end(events.complete(text));
  return 'stop';
}
