import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActiveCompletions } from './server-active-completions.js';
import type { ChatInput } from './server-chat-input.js';
import type { CompletionIdentity } from './server-completion-chunks.js';
import { replyTooLarge } from './server-http-error.js';
import type { ResolvedModel } from './server-model-catalog.js';
import { ReplySource } from './server-reply-source.js';
import { type StreamOutcome, streamReply } from './server-stream-reply.js';
import { estimateUsage } from './server-usage.js';

/** What one completion needs. */
export interface CompletionContext {
  request: FastifyRequest;
  reply: FastifyReply;
  model: ResolvedModel;
  input: ChatInput;
  active: ActiveCompletions;
  logContents: boolean;
  /** Milliseconds a streaming client may take no data before it is dropped. */
  writeTimeout: number;
  /** The longest non-streaming reply, in UTF-8 bytes. */
  maxReplyBytes: number;
}

/**
 * Runs one completion: asks the provider and answers with a `chat.completion`, or for `stream: true`
 * with `chat.completion.chunk` events. A failure before the first text is thrown, so the error handler
 * answers with its real status. The client leaving aborts the upstream request at once.
 */
export async function runCompletion(context: CompletionContext): Promise<void> {
  const { request, reply, model, input, logContents } = context;
  const controller = new AbortController();
  let clientLeft = false;
  const onClose = () => {
    clientLeft = true;
    controller.abort();
  };
  reply.raw.once('close', onClose);
  if (reply.raw.destroyed) onClose();
  const finish = context.active.begin(controller);
  const started = performance.now();
  request.log.info(
    {
      model: model.name,
      stream: input.stream,
      messages: input.messages.length,
      ...(logContents ? { conversation: input.messages } : {}),
    },
    'chat completion started',
  );
  const source = new ReplySource(
    model.provider.stream({
      messages: input.messages,
      model: model.model,
      signal: controller.signal,
    }),
    input.stops,
    input.maxCharacters,
  );
  const identity: CompletionIdentity = {
    id: `chatcmpl-${randomBytes(18).toString('base64url')}`,
    created: Math.floor(Date.now() / 1000),
    model: model.name,
    includeUsage: input.includeUsage,
  };
  let text = '';
  let characters = 0;
  let outcome: StreamOutcome = 'failed';
  try {
    if (input.stream) {
      outcome = await streamReply({
        request,
        reply,
        identity,
        source,
        messages: input.messages,
        signal: controller.signal,
        writeTimeout: context.writeTimeout,
        collect(piece) {
          characters += piece.length;
          if (logContents) text += piece;
        },
      });
      return;
    }
    let bytes = 0;
    for (let piece = await source.next(); piece !== undefined; piece = await source.next()) {
      bytes += Buffer.byteLength(piece);
      // Thrown to the error handler once `finally` below has closed the upstream request.
      if (bytes > context.maxReplyBytes) throw replyTooLarge(model.name, context.maxReplyBytes);
      text += piece;
    }
    characters = text.length;
    outcome = source.finishReason;
    reply.send({
      id: identity.id,
      object: 'chat.completion',
      created: identity.created,
      model: identity.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          logprobs: null,
          finish_reason: source.finishReason,
        },
      ],
      usage: estimateUsage(input.messages, characters),
    });
  } catch (error) {
    if (!clientLeft) throw error;
    outcome = 'client closed';
    reply.hijack();
    reply.raw.destroy();
  } finally {
    reply.raw.off('close', onClose);
    finish();
    await source.close();
    request.log.info(
      {
        outcome,
        replyCharacters: characters,
        durationMs: Math.round(performance.now() - started),
        ...(logContents ? { reply: text } : {}),
      },
      'chat completion finished',
    );
  }
}
