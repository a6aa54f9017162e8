import type { Message } from './message.js';

/** A message in the Gemini form that the GeminiProChat-based sites expect. */
export interface GeminiMessage {
  /** `model` for the assistant's turns, `user` for everything else. */
  role: 'user' | 'model';
  /** The message's text, as one part. */
  parts: [{ text: string }];
}

/**
 * Converts messages to the Gemini form: the assistant becomes `model`, the user and the system both
 * become `user`, and each content becomes a single text part.
 */
export function convertToGeminiMessages(messages: readonly Message[]): GeminiMessage[] {
  return messages.map((message) => ({
    role: message.role === 'assistant' ? 'model' : 'user',
    parts: [{ text: message.content }],
  }));
}
