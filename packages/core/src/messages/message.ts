/** The roles a chat message may have. */
export const MESSAGE_ROLES = ['system', 'user', 'assistant'] as const;

/** Who wrote a message: the system prompt, the user, or the assistant. */
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** One turn of a conversation, in the OpenAI-style form every freechat provider accepts. */
export interface Message {
  /** Who wrote the message. */
  role: MessageRole;
  /** The message's text. */
  content: string;
}

/** The content of the conversation's last message: the text most sites sign. */
export function lastMessageContent(messages: readonly Message[]): string {
  return messages[messages.length - 1]?.content ?? '';
}

/** The conversation as plain `{role, content}` objects, whatever else the caller's objects carry. */
export function toPlainMessages(messages: readonly Message[]): Message[] {
  return messages.map(({ role, content }) => ({ role, content }));
}
