import { streamToolParts } from '@freechat/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { replyTooLarge } from '../http/http-error.js';
import type { ResolvedModel } from '../providers/model-catalog.js';
import type { ReplySettings } from '../reply/reply-run.js';
import { estimateUsage } from '../reply/usage.js';
import type { UsageMeter } from '../state/key-limiter.js';
import { MessageEvents } from './message-events.js';
import {
  type ContentBlock,
  estimateTokens,
  type MessageIdentity,
  messageObject,
  messageUsage,
  toolUseBlock,
} from './message-object.js';
import { type MessagePart, MessageParts } from './message-parts.js';
import { type MessageStreamOutcome, streamMessage } from './message-stream.js';
import { type MessagesInput, promptCharacters } from './messages-input.js';

/** One message to run. */
export interface MessageRun {
  request: FastifyRequest;
  reply: FastifyReply;
  model: ResolvedModel;
  identity: MessageIdentity;
  input: MessagesInput;
  /** Counts the message's estimated tokens against its API key, once it is over. */
  meter: UsageMeter;
}

/**
 * Runs one message: asks the provider — through core's `streamToolParts` when the request has tools
 * to call, else for plain text — and answers with the whole message (at most `maxReplyBytes`, else
 * a 502) or Anthropic's event stream. A failure before the first part is thrown, so the error
 * handler answers with its real status. The client leaving aborts the upstream request at once; the
 * server's shutdown cuts it off. Logs a line when it starts and one when it is over, and feeds the
 * metrics.
 */
export async function runMessage(run: MessageRun, settings: ReplySettings): Promise<void> {
  const { request, reply, model, input } = run;
  const { logContents, metrics } = settings;
  const controller = new AbortController();
  let clientLeft = false;
  const onClose = () => {
    clientLeft = true;
    controller.abort();
  };
  reply.raw.on('close', onClose);
  if (reply.raw.destroyed) onClose();
  const finish = settings.active.begin(controller);
  const started = performance.now();
  metrics.setProvider(request, model.provider.id);
  request.log.info(
    {
      model: model.name,
      stream: input.stream,
      messages: input.toolRequest.messages.length,
      tools: input.toolRequest.tools.length,
      ...(logContents ? { conversation: input.toolRequest.messages } : {}),
    },
    'message started',
  );
  const { toolRequest } = input;
  const upstream =
    toolRequest.toolChoice === 'none' || toolRequest.tools.length === 0
      ? model.provider.stream({
          messages: input.prompt,
          model: model.model,
          signal: controller.signal,
        })
      : streamToolParts(model.provider, {
          ...toolRequest,
          model: model.model,
          signal: controller.signal,
        });
  const parts = new MessageParts(upstream, input);
  const inputTokens = estimateUsage(promptCharacters(input.prompt), 0).prompt_tokens;
  const content: ContentBlock[] = [];
  let outcome: MessageStreamOutcome = 'failed';
  let firstPart = true;
  const collect = (part: MessagePart) => {
    if (firstPart) metrics.firstText(request, (performance.now() - started) / 1000);
    firstPart = false;
    if (!input.stream || logContents) addToContent(content, part);
  };
  try {
    if (input.stream) {
      const streamOver = metrics.streamStarted(request);
      try {
        outcome = await streamMessage({
          request,
          reply,
          parts,
          events: new MessageEvents(run.identity),
          inputTokens,
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
    for (let part = await parts.next(); part !== undefined; part = await parts.next()) {
      bytes += Buffer.byteLength(typeof part === 'string' ? part : part.argumentsText);
      // Thrown to the error handler once `finally` below has closed the upstream request.
      if (bytes > settings.maxReplyBytes) throw replyTooLarge(model.name, settings.maxReplyBytes);
      collect(part);
    }
    outcome = 'over';
    const usage = messageUsage(inputTokens, estimateTokens(parts.characters));
    reply.send(messageObject(run.identity, content, parts.stop, usage));
  } catch (error) {
    if (!clientLeft) throw error;
    outcome = 'client closed';
    reply.hijack();
    reply.raw.destroy();
  } finally {
    reply.raw.off('close', onClose);
    finish();
    await parts.close();
    // A message counts against its key once it delivered something: a failure before costs nothing.
    if (parts.characters > 0) {
      run.meter.spend(estimateUsage(promptCharacters(input.prompt), parts.characters).total_tokens);
    }
    request.log.info(
      {
        outcome,
        ...(outcome === 'over' ? { stopReason: parts.stop.reason } : {}),
        replyCharacters: parts.characters,
        durationMs: Math.round(performance.now() - started),
        ...(logContents ? { reply: content } : {}),
      },
      'message finished',
    );
  }
}

/** Adds a part to a message's content: a text joins the text block before it, a call is a block. */
function addToContent(content: ContentBlock[], part: MessagePart): void {
  if (typeof part !== 'string') {
    content.push(toolUseBlock(part));
    return;
  }
  const last = content[content.length - 1];
  if (last?.type === 'text') last.text += part;
  else content.push({ type: 'text', text: part, citations: null });
}
