/** Why a request is refused: the status and the two texts of the site's `{"error":{...}}` body. */
export interface Rejection {
  ok: false;
  /** The HTTP status. */
  status: number;
  /** The site's own message, e.g. `Invalid signature.`. */
  message: string;
  /** The precise reason, added by the emulator as `detail` and kept in the log. */
  detail: string;
  /** Extra response headers, e.g. a 405's `Allow`. */
  headers?: Record<string, string>;
}

/**
 * The sites' own 400 message (the GeminiProChat template's), sent when `messages` is missing, not a
 * list, empty, or does not end with a `user` message.
 */
export const INVALID_HISTORY_MESSAGE =
  'Invalid message history: The last message must be from user role.';

/**
 * A 400 rejection for what the emulator checks beyond the sites (a body that is not a JSON object, a
 * missing or extra key, `pass` not null, a message in the wrong form, a wrong type), with the precise
 * reason. The sites have no such message: they accept these bodies or fail some other way.
 */
export function badRequest(detail: string): Rejection {
  return { ok: false, status: 400, message: 'Bad request.', detail };
}

/** The sites' own 400 (`INVALID_HISTORY_MESSAGE`) with the given precise reason. */
export function invalidHistory(detail: string): Rejection {
  return { ok: false, status: 400, message: INVALID_HISTORY_MESSAGE, detail };
}

/** Shows a received value briefly in a rejection's detail. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
