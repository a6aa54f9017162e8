import type { ToolCall, TranscriptMessage } from '@freechat/core';
import { describeValue } from '@freechat/core/internal';
import { invalidRequest } from '../http/http-error.js';
import type { ContentBlockParam, MessagesPromptBody } from './messages-schema.js';

/** Blocks of an earlier turn that carry nothing the sites can read: the model's own reasoning. */
const DROPPED_BLOCKS = new Set(['thinking', 'redacted_thinking']);

/** Blocks the sites cannot take in any message, and what they hold. */
const UNSUPPORTED_MEDIA = new Map([
  ['image', 'images'],
  ['document', 'documents'],
]);

/** What blocks join with: they are separate paragraphs of one turn. */
const BLOCK_SEPARATOR = '\n\n';

/**
 * The conversation of a Messages request in core's terms: `system` first, then each message —
 * text blocks joined by a blank line; an assistant's `tool_use` blocks as its tool calls; a user's
 * `tool_result` blocks as tool results, in order with its text; a `system` message (text only) where
 * it is, except that system messages after the last user message go just before it, since the sites
 * answer the conversation's last user turn. `thinking` blocks of earlier turns are left out (the
 * sites have no use for them); `cache_control` and `citations` are ignored.
 *
 * @throws HttpError 400 naming the block for what the sites cannot take (images, documents, a
 * block of an unknown type), a malformed block, a `tool_result` that answers no earlier `tool_use`,
 * and a conversation whose last message but system ones is the assistant's (a prefill, which the
 * sites cannot continue) or that has no user message.
 */
export function readTranscript(body: MessagesPromptBody): TranscriptMessage[] {
  const transcript: TranscriptMessage[] = [];
  const system = readSystem(body.system, 'system');
  if (system !== '') transcript.push({ role: 'system', content: system });
  /** The tool of each earlier call, by its id. */
  const calledTools = new Map<string, string>();
  /** Where the turns of the last user message begin and end in the transcript. */
  let lastUserStart = 0;
  let lastUserEnd = 0;
  let lastTurnIndex = -1;
  body.messages.forEach((message, index) => {
    const field = `messages[${index}]`;
    if (message.role === 'system') {
      transcript.push({ role: 'system', content: readSystem(message.content, `${field}.content`) });
      return;
    }
    lastTurnIndex = index;
    const start = transcript.length;
    if (typeof message.content === 'string') {
      transcript.push({ role: message.role, content: message.content });
    } else if (message.role === 'assistant') {
      transcript.push(readAssistantTurn(message.content, field, calledTools));
    } else {
      transcript.push(...readUserTurn(message.content, field, calledTools));
    }
    if (message.role === 'user') [lastUserStart, lastUserEnd] = [start, transcript.length];
  });
  if (lastTurnIndex === -1 || body.messages[lastTurnIndex]!.role === 'assistant') {
    const field = lastTurnIndex === -1 ? 'messages' : `messages[${lastTurnIndex}].role`;
    throw invalidRequest(
      field,
      'The last message but system ones must be the user\'s: a final assistant turn ("prefill") ' +
        'cannot be continued, the sites answer a user turn.',
    );
  }
  // Only system messages follow the last user message's turns: they go before them.
  transcript.splice(lastUserStart, 0, ...transcript.splice(lastUserEnd));
  return transcript;
}

/** A system prompt: a string, or text blocks joined. */
function readSystem(
  system: string | readonly ContentBlockParam[] | undefined,
  field: string,
): string {
  if (system === undefined || typeof system === 'string') return system ?? '';
  return system.map((block, index) => blockText(block, `${field}[${index}]`)).join(BLOCK_SEPARATOR);
}

function readAssistantTurn(
  blocks: readonly ContentBlockParam[],
  field: string,
  calledTools: Map<string, string>,
): TranscriptMessage {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  blocks.forEach((block, index) => {
    const blockField = `${field}.content[${index}]`;
    if (block.type === 'text') texts.push(blockText(block, blockField));
    else if (block.type === 'tool_use') {
      const call = readToolUse(block, blockField);
      calledTools.set(call.id, call.name);
      toolCalls.push(call);
    } else if (!DROPPED_BLOCKS.has(block.type)) {
      throw unsupportedBlock(block.type, blockField, 'text and tool_use');
    }
  });
  const content = texts.join(BLOCK_SEPARATOR);
  return toolCalls.length === 0
    ? { role: 'assistant', content }
    : { role: 'assistant', content, toolCalls };
}

function readUserTurn(
  blocks: readonly ContentBlockParam[],
  field: string,
  calledTools: ReadonlyMap<string, string>,
): TranscriptMessage[] {
  const turns: TranscriptMessage[] = [];
  let texts: string[] = [];
  const flushText = () => {
    if (texts.length > 0) turns.push({ role: 'user', content: texts.join(BLOCK_SEPARATOR) });
    texts = [];
  };
  blocks.forEach((block, index) => {
    const blockField = `${field}.content[${index}]`;
    if (block.type === 'text') texts.push(blockText(block, blockField));
    else if (block.type === 'tool_result') {
      flushText();
      turns.push(readToolResult(block, blockField, calledTools));
    } else {
      throw unsupportedBlock(block.type, blockField, 'text and tool_result');
    }
  });
  flushText();
  return turns;
}

function readToolUse(block: ContentBlockParam, field: string): ToolCall {
  const { id, name, input } = block;
  const call = {
    id: nonEmptyString(id, `${field}.id`),
    name: nonEmptyString(name, `${field}.name`),
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidRequest(`${field}.input`, `Expected an object, got ${describeValue(input)}.`);
  }
  return { ...call, arguments: input as Record<string, unknown> };
}

function readToolResult(
  block: ContentBlockParam,
  field: string,
  calledTools: ReadonlyMap<string, string>,
): TranscriptMessage {
  const toolCallId = nonEmptyString(block.tool_use_id, `${field}.tool_use_id`);
  const toolName = calledTools.get(toolCallId);
  if (toolName === undefined) {
    throw invalidRequest(
      `${field}.tool_use_id`,
      `${describeValue(toolCallId)} answers no tool_use block of an earlier assistant message.`,
    );
  }
  const { is_error: isError } = block;
  if (isError !== undefined && typeof isError !== 'boolean') {
    throw invalidRequest(`${field}.is_error`, `Expected a boolean, got ${describeValue(isError)}.`);
  }
  return {
    role: 'tool',
    toolCallId,
    toolName,
    content: resultContent(block.content, `${field}.content`),
    isError,
  };
}

/** A tool result's content: absent (empty), a string, or text blocks (joined). */
function resultContent(content: unknown, field: string): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) {
    throw invalidRequest(field, `Expected a string or text blocks, got ${describeValue(content)}.`);
  }
  return content
    .map((block: unknown, index) => {
      const blockField = `${field}[${index}]`;
      if (typeof block !== 'object' || block === null || Array.isArray(block)) {
        throw invalidRequest(blockField, `Expected a text block, got ${describeValue(block)}.`);
      }
      const { type } = block as { type?: unknown };
      if (type !== 'text') throw unsupportedBlock(type, blockField, 'text');
      return blockText(block as ContentBlockParam, blockField);
    })
    .join(BLOCK_SEPARATOR);
}

function blockText(block: ContentBlockParam, field: string): string {
  if (block.type !== 'text') throw unsupportedBlock(block.type, field, 'text');
  const { text } = block;
  if (typeof text !== 'string') {
    throw invalidRequest(`${field}.text`, `Expected a string, got ${describeValue(text)}.`);
  }
  return text;
}

function nonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw invalidRequest(field, `Expected a non-empty string, got ${describeValue(value)}.`);
  }
  return value;
}

function unsupportedBlock(type: unknown, field: string, served: string) {
  const media = typeof type === 'string' ? UNSUPPORTED_MEDIA.get(type) : undefined;
  return invalidRequest(
    `${field}.type`,
    media === undefined
      ? `Blocks of type ${describeValue(type)} are not supported here; this takes ${served} blocks.`
      : `${describeValue(type)} blocks are not supported: the sites take text only, not ${media}.`,
  );
}
