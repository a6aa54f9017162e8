/**
 * The body of a rejection: the sites' JSON error `{"error":{…}}` (sent as `text/plain;charset=UTF-8`),
 * or raw text sent with no content type (empty for a template's crash, the model API's own body for
 * chatgpt-demo's pass-through).
 */
export type RejectionBody =
  | { kind: 'json'; error: Readonly<Record<string, string>> }
  | { kind: 'raw'; text: string };

/** Why a request is refused: the status, the body the site sends, and the precise reason. */
export interface Rejection {
  ok: false;
  /** The HTTP status. */
  status: number;
  /** What the site sends. */
  body: RejectionBody;
  /** The precise reason, kept in the log (and added to a JSON body as `detail` in strict mode). */
  detail: string;
  /** Extra response headers, e.g. a 405's `Allow`. */
  headers?: Record<string, string>;
  /** An answer of the emulator's own (404 path, 413, a bad scenario header): always carries `detail`. */
  emulatorOwn?: boolean;
}

/**
 * GeminiProChat's own 400 message, for `messages` missing, empty, or not ending with a `user` message.
 */
export const INVALID_HISTORY_MESSAGE =
  'Invalid message history: The last message must be from user role.';

/** chatgpt-demo's own 400 message, for `messages` missing (or otherwise falsy). */
export const NO_INPUT_MESSAGE = 'No input text.';

/** A rejection with the sites' JSON body `{"error":{"message":…}}`. */
export function siteError(status: number, message: string, detail: string): Rejection {
  return { ok: false, status, body: { kind: 'json', error: { message } }, detail };
}

/**
 * A 400 for what strict mode checks beyond the templates (a missing or extra key, `pass` not null, a
 * message in the wrong form, a wrong type), with the precise reason. The templates have no such message.
 */
export function badRequest(detail: string): Rejection {
  return siteError(400, 'Bad request.', detail);
}

/** GeminiProChat's own 400 (`INVALID_HISTORY_MESSAGE`) with the given precise reason. */
export function invalidHistory(detail: string): Rejection {
  return siteError(400, INVALID_HISTORY_MESSAGE, detail);
}

/**
 * The template's own 400 for `messages` missing: GeminiProChat's `INVALID_HISTORY_MESSAGE`,
 * chatgpt-demo's `NO_INPUT_MESSAGE`.
 */
export function missingMessages(profile: { template: string }, detail: string): Rejection {
  return profile.template === 'gemini-pro-chat'
    ? invalidHistory(detail)
    : siteError(400, NO_INPUT_MESSAGE, detail);
}

/** A template's crash outside its own error handling: 500, an empty body, no content type. */
export function crash(detail: string): Rejection {
  return { ok: false, status: 500, body: { kind: 'raw', text: '' }, detail };
}

/** Shows a received value briefly in a rejection's detail. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
