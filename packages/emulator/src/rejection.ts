/** Why a request is refused: the status and the two texts of the site's `{"error":{...}}` body. */
export interface Rejection {
  ok: false;
  /** The HTTP status. */
  status: number;
  /** The site's own message, e.g. `Invalid signature.`. */
  message: string;
  /** The precise reason, added by the emulator as `detail` and kept in the log. */
  detail: string;
}

/** A 400 rejection with the given precise reason. */
export function badRequest(detail: string): Rejection {
  return { ok: false, status: 400, message: 'Bad request.', detail };
}

/** Shows a received value briefly in a rejection's detail. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
