import type { ToolCallPart } from '@freechat/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { replyTooLarge } from '../http/http-error.js';
import type { ServerMetrics } from '../monitoring/metrics.js';
import type { ResolvedModel } from '../providers/model-catalog.js';
import type { UsageMeter } from '../state/key-limiter.js';
import type { ActiveCompletions } from './active-completions.js';
import type { ReplyFormat, WholeReply } from './reply-format.js';
import { replyParts } from './reply-parts.js';
import type { ReplyPrompt } from './reply-prompt.js';
import { type ReplyPiece, ReplySource } from './reply-source.js';
import { type StreamOutcome, streamReply } from './stream-reply.js';
import { type ToolFieldParam, toolRequestError } from './tool-field-param.js';
import { callCharacters, estimateUsage } from './usage.js';

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
  /** The conversation, tools and tool choice (checked: `ReplyPrompt.check`). */
  prompt: ReplyPrompt;
  /** Names a field of core's tool request as the API's parameter, for a 400 found only upstream. */
  toolParam: ToolFieldParam;
  stream: boolean;
  /** The stop sequences (none for the Responses API); they cut the text, never a call. */
  stops: readonly string[];
  /** The longest reply in UTF-16 code units (its text; its calls too with `callLength`), or undefined. */
  maxCharacters: number | undefined;
  /**
   * What a tool call counts, when the API's length limit bounds the calls with the text (Anthropic's
   * `max_tokens`): toward maxCharacters (a call that does not fit is left out, and the reply ends at
   * its length) and toward the reply's usage. Absent, only the text is bounded, and a call counts
   * `callCharacters` toward the usage.
   */
  callLength?: ((call: ToolCallPart) => number) | undefined;
  /**
   * Whether the reply ends with its first tool call, the upstream request closed (Anthropic's
   * `disable_parallel_tool_use`); without it, a prompt without parallel calls passes on its first
   * call and leaves out later ones while its text goes on.
   */
  endAfterCall?: boolean | undefined;
  /** How the API shapes the reply. */
  format: ReplyFormat;
  /** What the log lines call it: `chat completion`, `response`, `message`. */
  name: string;
  /** Counts the reply's estimated tokens against its API key, once it is over. */
  meter: UsageMeter;
}

/**
 * Runs one reply, for every API alike (chat completions, Responses, Messages): asks the provider for
 * the reply as text and tool calls (`replyParts`: through core's tool module when the prompt uses
 * tools; one call at most when `parallelToolCalls` is false, later ones left out, or with
 * `endAfterCall`) as `ReplySource` bounds it, and answers with the whole body (at most
 * `maxReplyBytes` of text and arguments, else a 502 `reply_too_large`) or the event stream.
 * A failure before the first piece is thrown, so the error handler answers with its real status. The
 * client leaving aborts the upstream request at once; the server's shutdown cuts it off. Logs a line
 * when it starts and one when it is over, and feeds the metrics.
 */
export async function runReply(run: ReplyRun, settings: ReplySettings): Promise<void> {
  const { request, reply, model, format, prompt } = run;
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
      messages: prompt.messages.length,
      tools: prompt.tools.length,
      ...(logContents ? { conversation: prompt.messages } : {}),
    },
    `${run.name} started`,
  );
  const source = new ReplySource(
    replyParts(model.provider, prompt, { model: model.model, signal: controller.signal }),
    {
      stops: run.stops,
      maxCharacters: run.maxCharacters,
      maxToolCalls: prompt.parallelToolCalls ? undefined : 1,
      callLength: run.callLength,
      endAfterCall: run.endAfterCall,
    },
  );
  const callLength = run.callLength ?? callCharacters;
  const whole: WholeReply = { text: '', toolCalls: [], pieces: [] };
  let characters = 0;
  let outcome: StreamOutcome = 'failed';
  const collect = (piece: ReplyPiece) => {
    if (characters === 0) metrics.firstText(request, (performance.now() - started) / 1000);
    const text = typeof piece === 'string';
    characters += text ? piece.length : callLength(piece);
    if (!logContents && run.stream) return;
    const { pieces } = whole;
    if (text) {
      whole.text += piece;
      if (typeof pieces[pieces.length - 1] === 'string') pieces[pieces.length - 1] += piece;
      else pieces.push(piece);
    } else {
      whole.toolCalls.push(piece);
      pieces.push(piece);
    }
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
          replyCharacters: () => characters,
        });
      } finally {
        streamOver();
      }
      return;
    }
    let bytes = 0;
    for (let piece = await source.next(); piece !== undefined; piece = await source.next()) {
      bytes += Buffer.byteLength(typeof piece === 'string' ? piece : piece.argumentsText);
      // Thrown to the error handler once `finally` below has closed the upstream request.
      if (bytes > settings.maxReplyBytes) throw replyTooLarge(model.name, settings.maxReplyBytes);
      collect(piece);
    }
    outcome = source.finishReason;
    reply.send(await format.body(whole, source.finishReason, source.stopSequence, characters));
  } catch (error) {
    if (!clientLeft) throw toolRequestError(error, run.toolParam);
    outcome = 'client closed';
    reply.hijack();
    reply.raw.destroy();
  } finally {
    reply.raw.off('close', onClose);
    finish();
    await source.close();
    // A reply counts against its key once it delivered text or a call: a failure before costs nothing.
    if (characters > 0) run.meter.spend(estimateUsage(prompt.characters, characters).total_tokens);
    request.log.info(
      {
        outcome,
        replyCharacters: characters,
        durationMs: Math.round(performance.now() - started),
        ...(logContents ? { reply: whole.text, toolCalls: whole.toolCalls } : {}),
      },
      `${run.name} finished`,
    );
  }
}
