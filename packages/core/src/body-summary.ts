/** The longest summary of a body put into an error message. */
const MAX_SUMMARY_LENGTH = 200;

/**
 * Summarises an error response body in one line for an error message: the `error.message` (or
 * `error.code`, or `message`) of a JSON body, the title of an HTML page (never the page itself), or the
 * text's first line, cut short.
 */
export function summarizeBody(body: string, contentType = ''): string {
  const text = body.trim();
  if (text === '') return 'empty body';
  const fromJSON = jsonErrorMessage(text);
  if (fromJSON !== undefined) return cut(fromJSON);
  if (contentType.includes('html') || /^<(!doctype|html)/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return title ? `an HTML page titled "${cut(title)}"` : 'an HTML page';
  }
  return cut(text.split('\n', 1)[0] ?? '');
}

function jsonErrorMessage(text: string): string | undefined {
  if (!text.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const { message, code } = error as Record<string, unknown>;
    if (typeof message === 'string') return message;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
  }
  return typeof record.message === 'string' ? record.message : undefined;
}

function cut(text: string): string {
  return text.length > MAX_SUMMARY_LENGTH ? `${text.slice(0, MAX_SUMMARY_LENGTH)}…` : text;
}
