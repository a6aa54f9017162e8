/** A failure the page shows as is: the server's own `error.message`, or what went wrong reaching it. */
export class ChatApiError extends Error {
  /** The HTTP status, when the server answered (a failure inside a stream keeps the stream's 200). */
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.name = 'ChatApiError';
    this.status = status;
  }
}

/** The longest part of a non-JSON error body that is shown. */
const BODY_EXCERPT = 300;

/**
 * The error for a response that is not a success: the server's `error.message` when the body is
 * OpenAI's error shape, else the status and the start of the body.
 */
export async function responseError(response: Response): Promise<ChatApiError> {
  const body = await response.text().catch(() => '');
  return new ChatApiError(errorMessage(body) ?? statusMessage(response, body), response.status);
}

/** `error.message` of an OpenAI-shaped error body, or undefined. */
export function errorMessage(body: string): string | undefined {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' && message !== '' ? message : undefined;
  } catch {
    return undefined;
  }
}

function statusMessage(response: Response, body: string): string {
  const excerpt = body.trim().slice(0, BODY_EXCERPT);
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return excerpt === '' ? status : `${status}: ${excerpt}`;
}
