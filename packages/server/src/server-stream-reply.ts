import type { Message } from '@freechat/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CompletionChunks,
  type CompletionIdentity,
  DONE_EVENT,
} from './server-completion-chunks.js';
import { EventStream } from './server-event-stream.js';
import type { ReplySource } from './server-reply-source.js';
import { toHttpError } from './server-to-http-error.js';
import { estimateUsage } from './server-usage.js';

/**
 * How a completion ended: at its end or a stop sequence, cut at its length limit, with an error, or
 * with the client gone.
 */
export type StreamOutcome = 'stop' | 'length' | 'failed' | 'client closed';

/** What {@link streamReply} needs. */
export interface StreamReplyOptions {
  request: FastifyRequest;
  reply: FastifyReply;
  identity: CompletionIdentity;
  source: ReplySource;
  messages: readonly Message[];
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
 * Streams the reply as server-sent events. The first text is pulled before the response head is
 * written, so a failure before it is thrown (and answered with its real status); a failure after it
 * becomes a `data: {"error":…}` event followed by `data: [DONE]`.
 */
export async function streamReply(options: StreamReplyOptions): Promise<StreamOutcome> {
  const { reply, source, collect } = options;
  const first = await source.next();
  reply.hijack();
  const events = new EventStream(reply.raw, options.signal, options.writeTimeout);
  events.start({ ...reply.getHeaders(), ...EVENT_STREAM_HEADERS } as Record<string, string>);
  const chunks = new CompletionChunks(options.identity);
  let characters = 0;
  let head = chunks.role();
  if (first !== undefined) {
    characters += first.length;
    collect(first);
    head += chunks.content(first);
  }
  await events.write(head);
  try {
    if (first !== undefined) {
      for (let text = await source.next(); text !== undefined; text = await source.next()) {
        characters += text.length;
        collect(text);
        const drained = events.write(chunks.content(text));
        if (drained !== undefined) await drained;
      }
    }
  } catch (error) {
    if (events.closed) return 'client closed';
    const failure = toHttpError(error);
    options.request.log.warn({ status: failure.status, error: failure.message }, 'reply failed');
    events.end(chunks.error(failure.body) + DONE_EVENT);
    return 'failed';
  }
  if (events.closed) return 'client closed';
  let tail = chunks.finish(source.finishReason);
  if (options.identity.includeUsage) {
    tail += chunks.usage(estimateUsage(options.messages, characters));
  }
  events.end(tail + DONE_EVENT);
  return source.finishReason;
}
