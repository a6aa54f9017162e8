import {
  type LanguageModelV3Message,
  type LanguageModelV3Prompt,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import type { Message } from '@freechat/core';

type ContentPart = Exclude<LanguageModelV3Message['content'], string>[number];

/**
 * Converts an AI SDK prompt into freechat's conversation. System, user and assistant messages keep
 * their role; the text parts of one message are joined as they are, with nothing in between (as the
 * AI SDK's own text-only prompt conversions do). The sites take text only: any other part (a file or
 * image, a tool call or result, reasoning) and any tool message is an UnsupportedFunctionalityError.
 *
 * @example
 * convertToFreechatMessages([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
 * // → [{ role: 'user', content: 'Hi' }]
 */
export function convertToFreechatMessages(prompt: LanguageModelV3Prompt): Message[] {
  return prompt.map((message): Message => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.content };
      case 'user':
      case 'assistant':
        return { role: message.role, content: joinText(message.role, message.content) };
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

function describePart(part: ContentPart): string {
  switch (part.type) {
    case 'file':
      return part.mediaType.startsWith('image/')
        ? `image parts (${part.mediaType})`
        : `file parts (${part.mediaType})`;
    case 'reasoning':
      return 'reasoning parts';
    case 'tool-call':
      return 'tool calls';
    case 'tool-result':
      return 'tool results';
    default:
      return `${part.type} parts`;
  }
}

function unsupported(functionality: string): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({
    functionality,
    message: `freechat providers take text only: ${functionality} cannot be sent to the site.`,
  });
}
