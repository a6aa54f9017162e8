import {
  badRequest,
  describeValue,
  invalidHistory,
  missingMessages,
  type Rejection,
} from '../faults/rejection.js';
import type { SiteProfile } from '../sites/site-profile.js';

/** What the checks learned from valid `messages`: the signed text (the last message's text). */
export interface ValidMessages {
  ok: true;
  /** The text the site signs: the last message's text (GPROChat: its one flattened text). */
  signedText: string;
}

/** One message form: its keys and roles, and how a message of the other form is told apart and named. */
interface MessageForm {
  /** The keys a message has, and no others. */
  keys: readonly string[];
  /** The roles a message may have. */
  roles: readonly string[];
  /** How the rejection of another role names these. */
  rolesText: string;
  /** The key only the other form has. */
  otherFormKey: string;
  /** The rejection's text after `messages[i] `, for a message in the other form. */
  otherForm(site: string): string;
}

const OPENAI_FORM: MessageForm = {
  keys: ['role', 'content'],
  roles: ['system', 'user', 'assistant'],
  rolesText: "'system', 'user' or 'assistant'",
  otherFormKey: 'parts',
  otherForm: (site) =>
    `is in the Gemini form ({role, parts}); ${site} expects the OpenAI form [{role, content}].`,
};

const GEMINI_FORM: MessageForm = {
  keys: ['role', 'parts'],
  roles: ['user', 'model'],
  rolesText: "'user' or 'model' (the Gemini form)",
  otherFormKey: 'content',
  otherForm: (site) =>
    `is in the OpenAI form ({role, content}); ${site} expects the Gemini form [{role, parts: [{text}]}].`,
};

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

/**
 * Refuses a message that is not an object, is in the other form, has keys the form does not have, or
 * a role it does not have.
 */
function checkMessageFrame(
  site: string,
  message: unknown,
  where: string,
  form: MessageForm,
): Rejection | undefined {
  if (!isRecord(message)) {
    return badRequest(`${where} must be an object, got ${describeValue(message)}.`);
  }
  if (form.otherFormKey in message) return badRequest(`${where} ${form.otherForm(site)}`);
  const extra = unexpectedKeys(message, form.keys);
  if (extra.length > 0) return badRequest(`${where} has unexpected keys: ${extra.join(', ')}.`);
  if (typeof message.role !== 'string' || !form.roles.includes(message.role)) {
    return badRequest(
      `${where}.role must be ${form.rolesText}, got ${describeValue(message.role)}.`,
    );
  }
  return undefined;
}

function unexpectedKeys(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(record).filter((key) => !allowed.includes(key));
}

/** Returns the message's content, or the rejection. */
function checkOpenAIMessage(site: string, message: unknown, index: number): string | Rejection {
  const where = `messages[${index}]`;
  const refused = checkMessageFrame(site, message, where, OPENAI_FORM);
  if (refused !== undefined) return refused;
  const { content } = message as { content: unknown };
  if (typeof content !== 'string') {
    return badRequest(`${where}.content must be a string, got ${describeValue(content)}.`);
  }
  return content;
}

/** Returns the message's one text, or the rejection. */
function checkGeminiMessage(site: string, message: unknown, index: number): string | Rejection {
  const where = `messages[${index}]`;
  const refused = checkMessageFrame(site, message, where, GEMINI_FORM);
  if (refused !== undefined) return refused;
  const { parts } = message as { parts: unknown };
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
