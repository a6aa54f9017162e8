import type { LanguageModelV3StreamPart, SharedV3Warning } from '@ai-sdk/provider';
import type { ToolCallPart, ToolStreamPart } from '@freechat/core';
import { finishReason, unknownUsage } from './freechat-call-result.js';

/** What {@link createFreechatStream} turns into AI SDK stream parts. */
export interface FreechatStreamOptions {
  /** The provider's reply as parts, already started: {@link readFirstPart} has been called on it. */
  reply: AsyncIterator<ToolStreamPart, void, undefined>;
  /** The reply's first part, or `undefined` when it ended without any. */
  firstPart: ToolStreamPart | undefined;
  /** The call's warnings, sent in `stream-start`. */
  warnings: SharedV3Warning[];
  /** When the reply started, for `response-metadata`. */
  timestamp: Date;
  /** The model id, for `response-metadata`. */
  modelId: string;
  /** Whether to send each text chunk and each call as freechat gave it as a `raw` part too. */
  includeRawChunks: boolean;
  /** The call's abort signal: once it fired, a failure errors the stream with its reason. */
  signal: AbortSignal | undefined;
  /** Maps a failure of the reply to the error of the `error` part. */
  mapError: (error: unknown) => unknown;
  /** Aborts the request, for a cancelled stream: a pending read must not wait for the network. */
  cancel: () => void;
}

/**
 * Reads the reply until its first call or non-empty text: a failure before any of them rejects
 * here, so the call itself fails as an HTTP provider's does on a bad status.
 */
export async function readFirstPart(
  reply: AsyncIterator<ToolStreamPart, void, undefined>,
): Promise<ToolStreamPart | undefined> {
  for (;;) {
    const result = await reply.next();
    if (result.done) return undefined;
    if (result.value.type !== 'text' || result.value.text !== '') return result.value;
  }
}

/**
 * The AI SDK stream of a started reply: `stream-start` (with the warnings), `response-metadata`, then
 * the reply in order: text parts (`text-start`, a `text-delta` per chunk, `text-end`; ids `'0'`,
 * `'1'`, … one per stretch of text between calls) and, for each call, `tool-input-start`, one
 * `tool-input-delta` with its whole input, `tool-input-end` and `tool-call` (ids the call's id); then
 * `finish` with `tool-calls` when the reply called a tool, else `stop`. A failure after the first
 * part becomes an `error` part followed by `finish` with `error`; after an abort the stream errors
 * with the signal's reason instead, as a fetch-based provider's does. The reply is read only as fast
 * as the stream is, and cancelling the stream closes the request.
 */
export function createFreechatStream(
  options: FreechatStreamOptions,
): ReadableStream<LanguageModelV3StreamPart> {
  const { reply, signal } = options;
  type Controller = ReadableStreamDefaultController<LanguageModelV3StreamPart>;
  /** The number of the text part, open or next. */
  let textNumber = 0;
  let textOpen = false;
  let called = false;

  const endText = (controller: Controller): void => {
    if (!textOpen) return;
    controller.enqueue({ type: 'text-end', id: String(textNumber) });
    textOpen = false;
    textNumber++;
  };

  const enqueueText = (controller: Controller, text: string): void => {
    const id = String(textNumber);
    if (!textOpen) controller.enqueue({ type: 'text-start', id });
    textOpen = true;
    if (options.includeRawChunks) controller.enqueue({ type: 'raw', rawValue: text });
    controller.enqueue({ type: 'text-delta', id, delta: text });
  };

  const enqueueCall = (controller: Controller, call: ToolCallPart): void => {
    endText(controller);
    if (options.includeRawChunks) controller.enqueue({ type: 'raw', rawValue: call });
    called = true;
    const { id, name: toolName, argumentsText } = call;
    controller.enqueue({ type: 'tool-input-start', id, toolName });
    controller.enqueue({ type: 'tool-input-delta', id, delta: argumentsText });
    controller.enqueue({ type: 'tool-input-end', id });
    controller.enqueue({ type: 'tool-call', toolCallId: id, toolName, input: argumentsText });
  };

  const enqueue = (controller: Controller, part: ToolStreamPart): void => {
    if (part.type === 'tool-call') enqueueCall(controller, part);
    else if (part.text !== '') enqueueText(controller, part.text);
  };

  const finish = (controller: Controller, error?: { error: unknown }): void => {
    endText(controller);
    if (error !== undefined) controller.enqueue({ type: 'error', error: error.error });
    const reason = error !== undefined ? 'error' : called ? 'tool-calls' : 'stop';
    controller.enqueue({
      type: 'finish',
      finishReason: finishReason(reason),
      usage: unknownUsage(),
    });
    controller.close();
  };

  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      controller.enqueue({ type: 'stream-start', warnings: options.warnings });
      controller.enqueue({
        type: 'response-metadata',
        timestamp: options.timestamp,
        modelId: options.modelId,
      });
      if (options.firstPart === undefined) finish(controller);
      else enqueue(controller, options.firstPart);
    },
    async pull(controller) {
      let result: IteratorResult<ToolStreamPart, void>;
      try {
        result = await reply.next();
      } catch (error) {
        if (signal?.aborted) controller.error(error);
        else finish(controller, { error: options.mapError(error) });
        return;
      }
      if (result.done) finish(controller);
      else enqueue(controller, result.value);
    },
    async cancel() {
      options.cancel();
      await reply.return?.();
    },
  });
}
