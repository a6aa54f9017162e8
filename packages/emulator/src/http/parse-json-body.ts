/** A body parsed as JSON, or why it could not be. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; problem: string };

/** Parses a request body as JSON, whatever its content type (as the sites do). */
export function parseJsonBody(rawBody: string): ParsedBody {
  if (rawBody.trim() === '') {
    return { ok: false, problem: 'The body is empty; expected JSON {messages, time, pass, sign}.' };
  }
  try {
    return { ok: true, value: JSON.parse(rawBody) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `The body is not valid JSON (${message}).` };
  }
}
