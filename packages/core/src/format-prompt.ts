import type { Message, MessageRole } from './message.js';

const ROLE_LABELS: Record<MessageRole, string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
};

/**
 * Flattens a conversation into one prompt, as GPROChat sends it.
 *
 * One message gives its content unchanged. Several give one line each, `Role: content` with the role
 * capitalised, joined with `\n`, followed by `\nAssistant:`.
 *
 * @example
 * formatPrompt([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }]);
 * // 'System: be brief\nUser: hi\nAssistant:'
 */
export function formatPrompt(messages: readonly Message[]): string {
  if (messages.length === 1) return messages[0]!.content;
  let prompt = '';
  for (const message of messages) prompt += `${ROLE_LABELS[message.role]}: ${message.content}\n`;
  return `${prompt}Assistant:`;
}
