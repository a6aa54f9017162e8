/** The body of every error response, in OpenAI's shape. */
export interface OpenAIErrorBody {
  error: {
    /** What went wrong, for a person. */
    message: string;
    /** The error's kind: `invalid_request_error`, `rate_limit_error`, `upstream_error`, … */
    type: string;
    /** The request field at fault (`messages[0].content`), or null. */
    param: string | null;
    /** A stable machine-readable code (`model_not_found`, `invalid_api_key`, …), or null. */
    code: string | null;
  };
}

/** What an HttpError is made of. */
export interface HttpErrorOptions {
  status: number;
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
  /** Extra response headers (`retry-after`, `www-authenticate`). */
  headers?: Readonly<Record<string, string>>;
}

/** An error the server answers with: an HTTP status and an OpenAI-shaped body. */
export class HttpError extends Error {
  /** The HTTP status code. */
  readonly status: number;
  /** The response headers to add. */
  readonly headers: Readonly<Record<string, string>>;
  /** The OpenAI-shaped body. */
  readonly body: OpenAIErrorBody;

  constructor(options: HttpErrorOptions) {
    super(options.message);
    this.name = 'HttpError';
    this.status = options.status;
    this.headers = options.headers ?? {};
    this.body = {
      error: {
        message: options.message,
        type: options.type,
        param: options.param ?? null,
        code: options.code ?? null,
      },
    };
  }
}

/** A 400 for a request field that is wrong or asks for something the server cannot do. */
export function invalidRequest(param: string | null, message: string, code?: string): HttpError {
  return new HttpError({ status: 400, type: 'invalid_request_error', param, message, code });
}

/** A 404 for a model name that no provider serves. */
export function modelNotFound(model: string, detail?: string): HttpError {
  return new HttpError({
    status: 404,
    type: 'invalid_request_error',
    param: 'model',
    code: 'model_not_found',
    message: `The model '${model}' does not exist${detail ? `: ${detail}` : ''}. GET /v1/models lists the models served.`,
  });
}

/**
 * A 502 for a non-streaming reply longer than the server's `maxReplyBytes`, once its upstream
 * request is closed.
 */
export function replyTooLarge(model: string, maxReplyBytes: number): HttpError {
  return new HttpError({
    status: 502,
    type: 'upstream_error',
    code: 'reply_too_large',
    message:
      `The reply of '${model}' exceeded the server's maxReplyBytes (${maxReplyBytes} bytes), so it was ` +
      'cut off and its upstream request closed. Ask with "stream": true for a longer reply.',
  });
}
