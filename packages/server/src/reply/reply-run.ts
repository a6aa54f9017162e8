import type { Message } from '@freechat/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { replyTooLarge } from '../http/http-error.js';
import type { ServerMetrics } from '../monitoring/metrics.js';
import type { ResolvedModel } from '../providers/model-catalog.js';
import type { UsageMeter } from '../state/key-limiter.js';
import type { ActiveCompletions } from './active-completions.js';
import type { ReplyFormat } from './reply-format.js';
import { ReplySource } from './reply-source.js';
import { type StreamOutcome, streamReply } from './stream-reply.js';
import { estimateUsage } from './usage.js';

/** What every reply shares, whatever its API: the server's settings. */
export interface ReplySettings {
  active: ActiveCompletions;
  metrics: ServerMetrics;
  logContents: boolean;
  /** Milliseconds a streaming client may take no data before it is dropped. */
  writeTimeout: number;
  /** The longest non-streaming reply, in UTF-8 bytes. */
  maxReplyBytes: number;
}

/** One reply to run. */
export interface ReplyRun {
  request: FastifyRequest;
  reply: FastifyReply;
  model: ResolvedModel;
  messages: readonly Message[];
  stream: boolean;
  /** The stop sequences (none for the Responses API). */
  stops: readonly string[];
  /** The longest reply in UTF-16 code units, or undefined. */
  maxCharacters: number | undefined;
  /** How the API shapes the reply. */
  format: ReplyFormat;
  /** What the log lines call it: `chat completion`, `response`. */
  name: string;
  /** Counts the reply's estimated tokens against its API key, once it is over. */
  meter: UsageMeter;
}

/**
 * Runs one reply, for chat completions and the Responses API alike: asks the provider and answers
 * with the whole body (at most `maxReplyBytes`, else a 502 `reply_too_large`) or the event stream. A
 * failure before the first text is thrown, so the error handler answers with its real status. The
 * client leaving aborts the upstream request at once; the server's shutdown cuts it off. Logs a line
 * when it starts and one when it is over, and feeds the metrics.
 */
export async function runReply(run: ReplyRun, settings: ReplySettings): Promise<void> {
  const { request, reply, model, format } = run;
  const { logContents, metrics } = settings;
  const controller = new AbortController();
  let clientLeft = false;
  const onClose = () => {
    clientLeft = true;
    controller.abort();
  };
  // `on`, not `once`: it is removed below, and a `once` wrapper costs an allocation per request.
  reply.raw.on('close', onClose);
  if (reply.raw.destroyed) onClose();
  const finish = settings.active.begin(controller);
  const started = performance.now();
  metrics.setProvider(request, model.provider.id);
  request.log.info(
    {
      model: model.name,
      stream: run.stream,
      messages: run.messages.length,
      ...(logContents ? { conversation: run.messages } : {}),
    },
    `${run.name} started`,
  );
  const source = new ReplySource(
    model.provider.stream({
      messages: run.messages,
      model: model.model,
      signal: controller.signal,
    }),
    run.stops,
    run.maxCharacters,
  );
  let text = '';
  let characters = 0;
  let outcome: StreamOutcome = 'failed';
  const collect = (piece: string) => {
    if (characters === 0) metrics.firstText(request, (performance.now() - started) / 1000);
    characters += piece.length;
    if (logContents || !run.stream) text += piece;
  };
  try {
    if (run.stream) {
      const streamOver = metrics.streamStarted(request);
      try {
        outcome = await streamReply({
          request,
          reply,
          source,
          format,
          signal: controller.signal,
          writeTimeout: settings.writeTimeout,
          collect,
        });
      } finally {
        streamOver();
      }
      return;
    }
    let bytes = 0;
    for (let piece = await source.next(); piece !== undefined; piece = await source.next()) {
      bytes += Buffer.byteLength(piece);
      // Thrown to the error handler once `finally` below has closed the upstream request.
      if (bytes > settings.maxReplyBytes) throw replyTooLarge(model.name, settings.maxReplyBytes);
      collect(piece);
    }
    outcome = source.finishReason;
    reply.send(await format.body(text, source.finishReason));
  } catch (error) {
    if (!clientLeft) throw error;
    outcome = 'client closed';
    reply.hijack();
    reply.raw.destroy();
  } finally {
    reply.raw.off('close', onClose);
    finish();
    await source.close();
    // A reply counts against its key once it delivered text: a failure before any costs nothing.
    if (characters > 0) run.meter.spend(estimateUsage(run.messages, characters).total_tokens);
    request.log.info(
      {
        outcome,
        replyCharacters: characters,
        durationMs: Math.round(performance.now() - started),
        ...(logContents ? { reply: text } : {}),
      },
      `${run.name} finished`,
    );
  }
}
