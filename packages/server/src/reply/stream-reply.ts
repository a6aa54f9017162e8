import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactSecrets } from '../http/log-redaction.js';
import { toHttpError } from '../http/to-http-error.js';
import { EventStream } from './event-stream.js';
import type { ReplyFormat } from './reply-format.js';
import type { FinishReason, ReplyPiece, ReplySource } from './reply-source.js';

/**
 * How a reply ended: at its end or a stop sequence, cut at its length limit, after calling tools,
 * with an error, or with the client gone.
 */
export type StreamOutcome = FinishReason | 'failed' | 'client closed';

/** What {@link streamReply} needs. */
export interface StreamReplyOptions {
  request: FastifyRequest;
  reply: FastifyReply;
  source: ReplySource;
  format: ReplyFormat;
  /** Aborted when the client leaves or the server's grace period runs out. */
  signal: AbortSignal;
  /** Milliseconds the client may take no data before it is dropped. */
  writeTimeout: number;
  /** Called with each text and tool call as it is sent. */
  collect(piece: ReplyPiece): void;
  /** What the pieces sent so far count toward the reply's usage (see `ReplyFormat`). */
  replyCharacters(): number;
}

const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
};

/**
 * Streams the reply as server-sent events in the given format. The first piece is pulled before the
 * response head is written, so a failure before it is thrown (and answered with its real status); a
 * failure after it ends the stream with the format's failure events.
 */
export async function streamReply(options: StreamReplyOptions): Promise<StreamOutcome> {
  const { reply, source, format, collect } = options;
  const first = await source.next();
  reply.hijack();
  const events = new EventStream(reply.raw, options.signal, options.writeTimeout);
  // `getHeaders` returns a copy of its own: the stream's headers are added to it.
  events.start(Object.assign(reply.getHeaders(), EVENT_STREAM_HEADERS) as Record<string, string>);
  let head = format.head();
  if (first !== undefined) {
    collect(first);
    head += typeof first === 'string' ? format.delta(first) : format.toolCall(first);
  }
  await events.write(head);
  try {
    if (first !== undefined) {
      for (let piece = await source.next(); piece !== undefined; piece = await source.next()) {
        collect(piece);
        const event = typeof piece === 'string' ? format.delta(piece) : format.toolCall(piece);
        const drained = events.write(event);
        if (drained !== undefined) await drained;
      }
    }
  } catch (error) {
    if (events.closed) return 'client closed';
    const failure = toHttpError(error);
    options.request.log.warn(
      { status: failure.status, error: redactSecrets(failure.message) },
      'reply failed',
    );
    events.end(format.failure(failure, options.replyCharacters()));
    return 'failed';
  }
  if (events.closed) return 'client closed';
  const tail = await format.tail(
    source.finishReason,
    source.stopSequence,
    options.replyCharacters(),
  );
  if (events.closed) return 'client closed';
  events.end(tail);
  return source.finishReason;
}
