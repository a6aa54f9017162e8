import { createHash } from 'node:crypto';
import {
  crash,
  describeValue,
  INVALID_HISTORY_MESSAGE,
  NO_INPUT_MESSAGE,
  type Rejection,
  siteError,
} from '../faults/rejection.js';
import type { ParsedBody } from '../http/parse-json-body.js';
import type { SiteProfile } from '../sites/site-profile.js';

/** A request a template serves: the text it signed, which is also the question the model gets. */
export interface AcceptedRequest {
  ok: true;
  /** The signed text: GeminiProChat's last message's parts joined, chatgpt-demo's last content. */
  signedText: string;
}

/** The message Gemini's API gives for a role it does not take, as GeminiProChat relays it. */
export const GEMINI_ROLE_MESSAGE = 'Please use a valid role: user, model.';

const OPENAI_ROLES: readonly unknown[] = ['system', 'user', 'assistant'];
const GEMINI_ROLES: readonly unknown[] = ['user', 'model'];

/**
 * Checks a body as the deployment's template does, in its order, with its answers (the README's "What
 * the templates answer"): no time window, any `time`, `pass` only against a site
 * password, extra keys ignored. JavaScript's own conversions make the signed string, as in the
 * templates (`time` missing is signed as `undefined`). Whatever would throw in the template's handler
 * before its own error handling is its 500 with an empty body.
 */
export function checkTemplateRequest(
  profile: SiteProfile,
  parsed: ParsedBody,
): AcceptedRequest | Rejection {
  if (!parsed.ok) return crash(`${parsed.problem} request.json() throws.`);
  const body = parsed.value;
  if (body === null) return crash('The body is null: reading its fields throws.');
  const field = (key: string): unknown => (body as Record<string, unknown>)[key];
  try {
    return profile.template === 'gemini-pro-chat'
      ? checkGeminiProChat(profile, field)
      : checkChatgptDemo(profile, field);
  } catch (error) {
    return crash(`The template's handler throws: ${(error as Error).message}`);
  }
}

/** What a template reads of the body, by key. */
type BodyField = (key: string) => unknown;

// The templates index `messages` with whatever JSON gave: a string, a number, an object with `length`.
type Indexable = Record<string | number, unknown> & { length?: unknown };

function checkGeminiProChat(profile: SiteProfile, field: BodyField): AcceptedRequest | Rejection {
  const messages = field('messages') as Indexable;
  if (!messages || messages.length === 0) {
    return siteError(400, INVALID_HISTORY_MESSAGE, `messages is ${describeValue(messages)}.`);
  }
  const last = lastOf(messages);
  if (last === undefined || last === null) {
    throw new TypeError(
      `messages ${describeValue(messages)} has no last message to read a role of.`,
    );
  }
  if ((last as Indexable).role !== 'user') {
    return siteError(
      400,
      INVALID_HISTORY_MESSAGE,
      `The last message's role is ${describeValue((last as Indexable).role)}, not 'user'.`,
    );
  }
  const password = checkPassword(profile, field('pass'));
  if (password !== undefined) return password;
  const signedText = joinParts(last as Indexable, 'the last message');
  const signature = checkSignature(profile, field('time'), signedText, field('sign'));
  if (signature !== undefined) return signature;
  return modelAnswerGemini(messages) ?? { ok: true, signedText };
}

function checkChatgptDemo(profile: SiteProfile, field: BodyField): AcceptedRequest | Rejection {
  const messages = field('messages') as Indexable;
  if (!messages) {
    return siteError(400, NO_INPUT_MESSAGE, `messages is ${describeValue(messages)}.`);
  }
  const password = checkPassword(profile, field('pass'));
  if (password !== undefined) return password;
  const content = (lastOf(messages) as Indexable | null | undefined)?.content;
  const signedText = `${content || ''}`;
  const signature = checkSignature(profile, field('time'), signedText, field('sign'));
  if (signature !== undefined) return signature;
  return modelAnswerOpenAI(messages) ?? { ok: true, signedText };
}

/** `messages[messages.length - 1]`, with JavaScript's own semantics for whatever `messages` is. */
function lastOf(messages: Indexable): unknown {
  return messages[(messages.length as number) - 1];
}

/** The template's password check: only when the deployment sets a password (list). */
function checkPassword(profile: SiteProfile, pass: unknown): Rejection | undefined {
  const { password } = profile;
  if (password === undefined || password === pass || password.split(',').includes(pass as string)) {
    return undefined;
  }
  return siteError(
    401,
    'Invalid password.',
    `pass ${describeValue(pass)} is neither the site password nor one of its entries.`,
  );
}

/** The last message's `parts` texts joined with `""`, as GeminiProChat signs and asks them. */
function joinParts(message: Indexable, where: string): string {
  const parts = message.parts;
  if (!Array.isArray(parts)) {
    throw new TypeError(`${where}'s parts is ${describeValue(parts)}, not a list to map.`);
  }
  return parts
    .map((part: unknown) => {
      if (part === null || part === undefined) throw new TypeError(`${where} has a ${part} part.`);
      return (part as Indexable).text;
    })
    .join('');
}

function checkSignature(
  profile: SiteProfile,
  time: unknown,
  text: string,
  sign: unknown,
): Rejection | undefined {
  const signed = `${time}:${text}:${profile.secret}`;
  const expected = createHash('sha256').update(signed, 'utf8').digest('hex');
  if (sign === expected) return undefined;
  return siteError(
    401,
    'Invalid signature.',
    `sign ${describeValue(sign)} does not match sha256(${describeValue(signed)}), which is '${expected}'.`,
  );
}

/**
 * GeminiProChat past its checks, inside its error handling: the history is turned into Gemini's
 * (a message or its parts that cannot be read is a TypeError) and Gemini refuses a role other than
 * `user` and `model`. Either is its 500 `{"error":{"code":…,"message":…}}`.
 */
function modelAnswerGemini(messages: Indexable): Rejection | undefined {
  if (!Array.isArray(messages)) {
    return modelError('TypeError', 'messages.slice is not a function');
  }
  const history = messages.slice(0, -1);
  for (const message of history) {
    if (message === null || message === undefined) {
      return modelError('TypeError', `Cannot read properties of ${message} (reading 'parts')`);
    }
    const parts = (message as Indexable).parts;
    if (parts === null || parts === undefined) {
      return modelError('TypeError', `Cannot read properties of ${parts} (reading 'map')`);
    }
    if (!Array.isArray(parts)) return modelError('TypeError', 'msg.parts.map is not a function');
    const hole = parts.findIndex((part) => part === null || part === undefined);
    if (hole >= 0) {
      return modelError('TypeError', `Cannot read properties of ${parts[hole]} (reading 'text')`);
    }
  }
  const refused = history.find((message) => !GEMINI_ROLES.includes((message as Indexable).role));
  if (refused !== undefined) return modelError('Error', GEMINI_ROLE_MESSAGE);
  return undefined;
}

function modelError(code: string, message: string): Rejection {
  return {
    ok: false,
    status: 500,
    body: { kind: 'json', error: { code, message } },
    detail: `The model call fails: ${code}: ${message}`,
  };
}

/**
 * chatgpt-demo past its checks: it forwards `messages` to its model API, which takes a non-empty list
 * of `{role: 'system' | 'user' | 'assistant', content: string}` (other keys ignored) and answers
 * anything else with a 400 of its own, passed through with no content type.
 */
function modelAnswerOpenAI(messages: Indexable): Rejection | undefined {
  const problem = openAIMessagesProblem(messages);
  if (problem === undefined) return undefined;
  const text = JSON.stringify({
    error: { message: problem, type: 'invalid_request_error', param: 'messages', code: null },
  });
  return {
    ok: false,
    status: 400,
    body: { kind: 'raw', text },
    detail: `The model API refuses the messages, passed through: ${problem}`,
  };
}

function openAIMessagesProblem(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) {
    return `Invalid type for 'messages': expected an array, but got ${typeName(messages)} instead.`;
  }
  if (messages.length === 0) {
    return "Invalid 'messages': empty array. Expected an array with minimum length 1.";
  }
  for (const [index, message] of messages.entries()) {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return `Invalid type for 'messages[${index}]': expected an object, but got ${typeName(message)} instead.`;
    }
    const { role, content } = message as Indexable;
    if (!OPENAI_ROLES.includes(role)) {
      return `Invalid value for 'messages[${index}].role': ${describeValue(role)}. Supported values are: 'system', 'user' and 'assistant'.`;
    }
    if (typeof content !== 'string') {
      return `Invalid type for 'messages[${index}].content': expected a string, but got ${typeName(content)} instead.`;
    }
  }
  return undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
