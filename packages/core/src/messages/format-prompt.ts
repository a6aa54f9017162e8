import type { Message, MessageRole } from './message.js';

const ROLE_LABELS: Record<MessageRole, string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
};

/**
 * Flattens a conversation into one prompt, as GPROChat sent it.
 *
 * Messages whose content is empty or only whitespace are dropped first. One message left gives its
 * content unchanged; none gives `''`. Several give one line each, `Role: content` with the role
 * capitalised, joined with `\n`, followed by `\nAssistant:`.
 *
 * @example
 * formatPrompt([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }]);
 * // 'System: be brief\nUser: hi\nAssistant:'
 */
export function formatPrompt(messages: readonly Message[]): string {
  const spoken = messages.filter((message) => message.content.trim() !== '');
  if (spoken.length === 0) return '';
  if (spoken.length === 1) return spoken[0]!.content;
  let prompt = '';
  for (const message of spoken) prompt += `${ROLE_LABELS[message.role]}: ${message.content}\n`;
  return `${prompt}Assistant:`;
}
