import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActiveCompletions } from './server-active-completions.js';
import type { ResolvedModel } from './server-model-catalog.js';
import { ReplySource } from './server-reply-source.js';
import type { ResponsesInput } from './server-responses-input.js';
import { ResponseRecord } from './server-responses-object.js';
import { streamResponse } from './server-responses-stream.js';
import type { StreamOutcome } from './server-stream-reply.js';

/** What one Response needs. */
export interface ResponseContext {
  request: FastifyRequest;
  reply: FastifyReply;
  model: ResolvedModel;
  input: ResponsesInput;
  active: ActiveCompletions;
  logContents: boolean;
  /** Milliseconds a streaming client may take no data before it is dropped. */
  writeTimeout: number;
}

/**
 * Runs one Response: asks the provider and answers with a Response object, or for `stream: true`
 * with the Responses event stream. A failure before the first text is thrown, so the error handler
 * answers with its real status. The client leaving aborts the upstream request at once; the server's
 * shutdown cuts it off like a chat completion.
 */
export async function runResponse(context: ResponseContext): Promise<void> {
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
    'response started',
  );
  // The Responses API has no stop sequences.
  const source = new ReplySource(
    model.provider.stream({
      messages: input.messages,
      model: model.model,
      signal: controller.signal,
    }),
    [],
  );
  const record = new ResponseRecord(model.name, input.messages, input.echo);
  let text = '';
  let characters = 0;
  let outcome: StreamOutcome = 'failed';
  try {
    if (input.stream) {
      outcome = await streamResponse({
        request,
        reply,
        record,
        source,
        signal: controller.signal,
        writeTimeout: context.writeTimeout,
        collect(piece) {
          characters += piece.length;
          if (logContents) text += piece;
        },
      });
      return;
    }
    for (let piece = await source.next(); piece !== undefined; piece = await source.next()) {
      text += piece;
    }
    characters = text.length;
    outcome = 'stop';
    reply.send(record.object({ status: 'completed', text }));
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
      'response finished',
    );
  }
}
