import {
  type LanguageModelV3Message,
  type LanguageModelV3Prompt,
  type LanguageModelV3ToolResultPart,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import type {
  AssistantToolCallMessage,
  Message,
  ToolCall,
  ToolResultMessage,
  TranscriptMessage,
} from '@freechat/core';

type ContentPart = Exclude<LanguageModelV3Message['content'], string>[number];

/**
 * Converts an AI SDK prompt into freechat's conversation. System, user and assistant messages keep
 * their role; the text parts of one message are joined as they are, with nothing in between (as the
 * AI SDK's own text-only prompt conversions do). An assistant message's tool calls become its
 * `toolCalls`, and each tool result of a tool message a `tool` turn: core writes both into the
 * prompt. The sites take text only: any other part (a file or image, reasoning, a provider-executed
 * call, a tool approval) is an UnsupportedFunctionalityError.
 *
 * @example
 * convertToFreechatMessages([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
 * // → [{ role: 'user', content: 'Hi' }]
 */
export function convertToFreechatMessages(prompt: LanguageModelV3Prompt): TranscriptMessage[] {
  return prompt.flatMap((message): TranscriptMessage[] => {
    switch (message.role) {
      case 'system':
        return [{ role: 'system', content: message.content }];
      case 'user':
        return [{ role: 'user', content: joinText('user', message.content) }];
      case 'assistant':
        return [convertAssistant(message.content)];
      case 'tool':
        return message.content.map((part) => {
          if (part.type !== 'tool-result')
            throw unsupported(`${describePart(part)} in tool messages`);
          return convertToolResult(part);
        });
      default:
        throw unsupported(`${(message as { role: string }).role} messages`);
    }
  });
}

function joinText(role: string, parts: readonly ContentPart[]): string {
  let text = '';
  for (const part of parts) {
    if (part.type !== 'text') throw unsupported(`${describePart(part)} in ${role} messages`);
    text += part.text;
  }
  return text;
}

/** An assistant turn: its text joined, and its calls (the caller runs them) as `toolCalls`. */
function convertAssistant(parts: readonly ContentPart[]): Message | AssistantToolCallMessage {
  let content = '';
  const toolCalls: ToolCall[] = [];
  for (const part of parts) {
    if (part.type === 'text') content += part.text;
    else if (part.type === 'tool-call' && part.providerExecuted !== true) {
      toolCalls.push({
        id: part.toolCallId,
        name: part.toolName,
        arguments: callArguments(part.input),
      });
    } else throw unsupported(`${describePart(part)} in assistant messages`);
  }
  return toolCalls.length === 0
    ? { role: 'assistant', content }
    : { role: 'assistant', content, toolCalls };
}

/**
 * A call's input as core takes it, parsed: `ai` passes the parsed object; a JSON string is parsed.
 * Anything else is passed on as it is, and core refuses it naming the call.
 */
function callArguments(input: unknown): Record<string, unknown> {
  if (typeof input !== 'string') return input as Record<string, unknown>;
  try {
    return JSON.parse(input) as Record<string, unknown>;
  } catch {
    return input as unknown as Record<string, unknown>;
  }
}

/**
 * A tool's result as the model reads it: text as it is, JSON as JSON text, an error (or a denied
 * execution) marked as one, and the text items of a `content` output joined.
 */
function convertToolResult(part: LanguageModelV3ToolResultPart): ToolResultMessage {
  const result = (content: string, isError = false): ToolResultMessage => ({
    role: 'tool',
    toolCallId: part.toolCallId,
    toolName: part.toolName,
    content,
    ...(isError ? { isError } : {}),
  });
  const { output } = part;
  switch (output.type) {
    case 'text':
      return result(output.value);
    case 'json':
      return result(JSON.stringify(output.value));
    case 'error-text':
      return result(output.value, true);
    case 'error-json':
      return result(JSON.stringify(output.value), true);
    case 'execution-denied':
      return result(output.reason ?? 'The tool was not run: its execution was denied.', true);
    case 'content':
      return result(
        output.value
          .map((item) => {
            if (item.type !== 'text') throw unsupported(`${item.type} parts in tool results`);
            return item.text;
          })
          .join(''),
      );
    default:
      throw unsupported(`${(output as { type: string }).type} tool results`);
  }
}

function describePart(part: ContentPart): string {
  switch (part.type) {
    case 'file':
      return part.mediaType.startsWith('image/')
        ? `image parts (${part.mediaType})`
        : `file parts (${part.mediaType})`;
    case 'reasoning':
      return 'reasoning parts';
    case 'tool-call':
      return part.providerExecuted === true ? 'provider-executed tool calls' : 'tool calls';
    case 'tool-result':
      return 'tool results';
    case 'tool-approval-response':
      return 'tool approvals';
    default:
      return `${(part as { type: string }).type} parts`;
  }
}

function unsupported(functionality: string): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({
    functionality,
    message: `freechat providers take text and tool calls only: ${functionality} cannot be sent to the site.`,
  });
}
