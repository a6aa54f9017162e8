import type { LanguageModelV3StreamPart, SharedV3Warning } from '@ai-sdk/provider';
import { finishReason, unknownUsage } from './freechat-call-result.js';

/** The id of the one text part of every streamed reply. */
const TEXT_ID = '0';

/** What {@link createFreechatStream} turns into AI SDK stream parts. */
export interface FreechatStreamOptions {
  /** The provider's reply, already started: {@link readFirstText} has been called on it. */
  reply: AsyncIterator<string, void, undefined>;
  /** The reply's first text, or `undefined` when it ended without any. */
  firstText: string | undefined;
  /** The call's warnings, sent in `stream-start`. */
  warnings: SharedV3Warning[];
  /** When the reply started, for `response-metadata`. */
  timestamp: Date;
  /** The model id, for `response-metadata`. */
  modelId: string;
  /** Whether to send each chunk of text as it came as a `raw` part too. */
  includeRawChunks: boolean;
  /** The call's abort signal: once it fired, a failure errors the stream with its reason. */
  signal: AbortSignal | undefined;
  /** Maps a failure of the reply to the error of the `error` part. */
  mapError: (error: unknown) => unknown;
  /** Aborts the request, for a cancelled stream: a pending read must not wait for the network. */
  cancel: () => void;
}

/**
 * Reads the reply until its first non-empty text: a failure before any text rejects here, so the
 * call itself fails as an HTTP provider's does on a bad status.
 */
export async function readFirstText(
  reply: AsyncIterator<string, void, undefined>,
): Promise<string | undefined> {
  for (;;) {
    const result = await reply.next();
    if (result.done) return undefined;
    if (result.value !== '') return result.value;
  }
}

/**
 * The AI SDK stream of a started reply: `stream-start` (with the warnings), `response-metadata`, one
 * text part (`text-start`, a `text-delta` per chunk, `text-end`; none for an empty reply) and
 * `finish` with `stop`. A failure after the first text becomes an `error` part followed by `finish`
 * with `error`; after an abort the stream errors with the signal's reason instead, as a fetch-based
 * provider's does. The reply is read only as fast as the stream is, and cancelling the stream closes
 * the request.
 */
export function createFreechatStream(
  options: FreechatStreamOptions,
): ReadableStream<LanguageModelV3StreamPart> {
  const { reply, signal } = options;
  let textStarted = false;

  const enqueueText = (
    controller: ReadableStreamDefaultController<LanguageModelV3StreamPart>,
    text: string,
  ): void => {
    if (!textStarted) controller.enqueue({ type: 'text-start', id: TEXT_ID });
    textStarted = true;
    if (options.includeRawChunks) controller.enqueue({ type: 'raw', rawValue: text });
    controller.enqueue({ type: 'text-delta', id: TEXT_ID, delta: text });
  };

  const finish = (
    controller: ReadableStreamDefaultController<LanguageModelV3StreamPart>,
    error?: { error: unknown },
  ): void => {
    if (textStarted) controller.enqueue({ type: 'text-end', id: TEXT_ID });
    if (error !== undefined) controller.enqueue({ type: 'error', error: error.error });
    controller.enqueue({
      type: 'finish',
      finishReason: finishReason(error === undefined ? 'stop' : 'error'),
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
      if (options.firstText === undefined) finish(controller);
      else enqueueText(controller, options.firstText);
    },
    async pull(controller) {
      let result: IteratorResult<string, void>;
      try {
        result = await reply.next();
      } catch (error) {
        if (signal?.aborted) controller.error(error);
        else finish(controller, { error: options.mapError(error) });
        return;
      }
      if (result.done) finish(controller);
      else if (result.value !== '') enqueueText(controller, result.value);
    },
    async cancel() {
      options.cancel();
      await reply.return?.();
    },
  });
}
