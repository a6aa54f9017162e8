/** A failure the page shows as is: the server's own `error.message`, or what went wrong reaching it. */
export class ChatApiError extends Error {
  /** The HTTP status, when the server answered (a failure inside a stream keeps the stream's 200). */
  readonly status: number | undefined;
  /** The server's `error.code`, when it sent one (`invalid_api_key`, `model_not_found`, …). */
  readonly code: string | undefined;

  constructor(message: string, status?: number, code?: string) {
    super(message);
    this.name = 'ChatApiError';
    this.status = status;
    this.code = code;
  }
}

/** The longest part of a non-JSON error body that is shown. */
const BODY_EXCERPT = 300;

/**
 * The error for a response that is not a success: the server's `error.message` (and `error.code`) when
 * the body is OpenAI's error shape, else the status and the start of the body.
 */
export async function responseError(response: Response): Promise<ChatApiError> {
  const body = await response.text().catch(() => '');
  return new ChatApiError(
    errorMessage(body) ?? statusMessage(response, body),
    response.status,
    errorField(body, 'code'),
  );
}

/** `error.message` of an OpenAI-shaped error body, or undefined. */
export function errorMessage(body: string): string | undefined {
  return errorField(body, 'message');
}

function errorField(body: string, field: 'message' | 'code'): string | undefined {
  try {
    const value = (JSON.parse(body) as { error?: Record<string, unknown> }).error?.[field];
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

function statusMessage(response: Response, body: string): string {
  const excerpt = body.trim().slice(0, BODY_EXCERPT);
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return excerpt === '' ? status : `${status}: ${excerpt}`;
}
