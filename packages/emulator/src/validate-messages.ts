import {
  badRequest,
  describeValue,
  invalidHistory,
  missingMessages,
  type Rejection,
} from './rejection.js';
import type { SiteProfile } from './site-profile.js';

/** What the checks learned from valid `messages`: the signed text (the last message's text). */
export interface ValidMessages {
  ok: true;
  /** The text the site signs: the last message's text (GPROChat: its one flattened text). */
  signedText: string;
}

const OPENAI_ROLES = ['system', 'user', 'assistant'];
const GEMINI_ROLES = ['user', 'model'];

/**
 * Strict mode's check of a body's `messages` against the site's message form, naming the first thing
 * wrong. Where the template itself refuses (GeminiProChat: no, an empty or a non-user-ending list;
 * chatgpt-demo: no list) the message is the template's own, else `Bad request.`.
 */
export function validateMessages(
  site: string,
  profile: SiteProfile,
  messages: unknown,
): ValidMessages | Rejection {
  const form = profile.messageForm;
  const gemini = profile.template === 'gemini-pro-chat';
  if (!messages) {
    return missingMessages(
      profile,
      `messages must be a non-empty array, got ${describeValue(messages)}.`,
    );
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    const detail = `messages must be a non-empty array, got ${describeValue(messages)}.`;
    return gemini ? invalidHistory(detail) : badRequest(detail);
  }
  let signedText = '';
  for (const [index, message] of messages.entries()) {
    const checked =
      form === 'openai'
        ? checkOpenAIMessage(site, message, index)
        : checkGeminiMessage(site, message, index);
    if (typeof checked !== 'string') return checked;
    signedText = checked;
  }
  if (form === 'gemini-flattened' && messages.length !== 1) {
    return badRequest(
      `${site} expects exactly one message (the conversation flattened by formatPrompt), got ${messages.length}.`,
    );
  }
  const lastRole = (messages[messages.length - 1] as { role: string }).role;
  if (lastRole !== 'user') {
    const detail = `The last message must be from the user (role 'user'), got role '${lastRole}'.`;
    return gemini ? invalidHistory(detail) : badRequest(detail);
  }
  return { ok: true, signedText };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpectedKeys(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(record).filter((key) => !allowed.includes(key));
}

/** Returns the message's content, or the rejection. */
function checkOpenAIMessage(site: string, message: unknown, index: number): string | Rejection {
  const where = `messages[${index}]`;
  if (!isRecord(message))
    return badRequest(`${where} must be an object, got ${describeValue(message)}.`);
  if ('parts' in message) {
    return badRequest(
      `${where} is in the Gemini form ({role, parts}); ${site} expects the OpenAI form [{role, content}].`,
    );
  }
  const extra = unexpectedKeys(message, ['role', 'content']);
  if (extra.length > 0) return badRequest(`${where} has unexpected keys: ${extra.join(', ')}.`);
  if (typeof message.role !== 'string' || !OPENAI_ROLES.includes(message.role)) {
    return badRequest(
      `${where}.role must be 'system', 'user' or 'assistant', got ${describeValue(message.role)}.`,
    );
  }
  if (typeof message.content !== 'string') {
    return badRequest(`${where}.content must be a string, got ${describeValue(message.content)}.`);
  }
  return message.content;
}

/** Returns the message's one text, or the rejection. */
function checkGeminiMessage(site: string, message: unknown, index: number): string | Rejection {
  const where = `messages[${index}]`;
  if (!isRecord(message))
    return badRequest(`${where} must be an object, got ${describeValue(message)}.`);
  if ('content' in message) {
    return badRequest(
      `${where} is in the OpenAI form ({role, content}); ${site} expects the Gemini form [{role, parts: [{text}]}].`,
    );
  }
  const extra = unexpectedKeys(message, ['role', 'parts']);
  if (extra.length > 0) return badRequest(`${where} has unexpected keys: ${extra.join(', ')}.`);
  if (typeof message.role !== 'string' || !GEMINI_ROLES.includes(message.role)) {
    return badRequest(
      `${where}.role must be 'user' or 'model' (the Gemini form), got ${describeValue(message.role)}.`,
    );
  }
  const parts = message.parts;
  if (!Array.isArray(parts) || parts.length !== 1) {
    return badRequest(
      `${where}.parts must be an array of exactly one {text}, got ${describeValue(parts)}.`,
    );
  }
  const part: unknown = parts[0];
  if (
    !isRecord(part) ||
    unexpectedKeys(part, ['text']).length > 0 ||
    typeof part.text !== 'string'
  ) {
    return badRequest(`${where}.parts[0] must be {text: string}, got ${describeValue(part)}.`);
  }
  return part.text;
}
