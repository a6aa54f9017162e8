import {
  APICallError,
  InvalidArgumentError,
  InvalidPromptError,
  LoadSettingError,
  NoSuchModelError,
} from '@ai-sdk/provider';
import {
  FallbackError,
  InvalidRequestError,
  InvalidSettingError,
  ModelNotFoundError,
  ProviderError,
  ResponseStatusError,
} from '@freechat/core';

/** What {@link mapFreechatError} needs to know about the call that failed. */
export interface FailedCall {
  /** The conversation and model that were asked for (the signed wire body is built per attempt). */
  requestBodyValues: unknown;
  /** The URL reported when the error itself names none: the provider's first base URL or its site. */
  url: string;
  /** Whether `ai` may retry: see `FreechatSettings.aiRetries`. */
  aiRetries: boolean;
}

/**
 * Turns a freechat error into the AI SDK error an `ai` user expects, keeping the original as `cause`
 * where the AI SDK class takes one:
 *
 * | freechat error | AI SDK error | `statusCode` | `isRetryable` (with `aiRetries`) |
 * |---|---|---|---|
 * | ModelNotFoundError | NoSuchModelError (`modelId`, `languageModel`) | — | — |
 * | InvalidRequestError on `messages…` | InvalidPromptError | — | — |
 * | any other InvalidRequestError | InvalidArgumentError (`argument` the field) | — | — |
 * | InvalidSettingError (a provider's setting found wrong at request time) | LoadSettingError | — | — |
 * | RateLimitError | APICallError + headers and body | 429, or the quota's 500/200 | unless the quota is spent |
 * | CloudflareError | APICallError + headers and body | 403, 5xx, 200 | 5xx only |
 * | SiteMisconfiguredError | APICallError + headers and body | 500, 401 | never |
 * | UnexpectedReplyError | APICallError + headers and body | 200 | never |
 * | EmptyReplyError | APICallError + headers and an empty body | 200 | yes |
 * | AuthRejectedError | APICallError + headers and body | 401, 403 | never |
 * | ModelFailedMidReplyError | APICallError + the reply's failing tail as body | 200 | yes |
 * | other ResponseStatusError | APICallError + headers and body | the status | 408, 409, 429, 5xx |
 * | ConnectionError, ProxyError | APICallError | — | yes (not a proxy's refused credentials) |
 * | TimeoutError | APICallError | — | yes |
 * | ToolCallError (a required call never came) | APICallError | — | yes |
 * | ReplyTooLargeError, ReplyEncodingError | APICallError | — | never |
 * | FallbackError | APICallError, `url` the last attempt's | — | when any attempt was |
 *
 * Every APICallError carries the freechat message and the request's `url`; `isRetryable` is freechat's
 * verdict only when `aiRetries` is on, else false. Anything else (an abort's reason, an AI SDK error)
 * is returned unchanged.
 */
export function mapFreechatError(error: unknown, call: FailedCall): unknown {
  if (InvalidSettingError.isInstance(error))
    return new LoadSettingError({ message: error.message });
  if (!ProviderError.isInstance(error)) return error;
  if (ModelNotFoundError.isInstance(error)) {
    return new NoSuchModelError({
      modelId: error.model,
      modelType: 'languageModel',
      message: error.message,
    });
  }
  if (InvalidRequestError.isInstance(error)) {
    return error.field.startsWith('messages')
      ? new InvalidPromptError({
          prompt: call.requestBodyValues,
          message: error.message,
          cause: error,
        })
      : new InvalidArgumentError({ argument: error.field, message: error.message, cause: error });
  }
  const status = ResponseStatusError.isInstance(error) ? error : undefined;
  return new APICallError({
    message: error.message,
    url: (FallbackError.isInstance(error) ? lastURL(error.attempts) : error.url) ?? call.url,
    requestBodyValues: call.requestBodyValues,
    statusCode: error.status,
    responseHeaders: status === undefined ? undefined : { ...status.headers },
    responseBody: status?.body,
    isRetryable: call.aiRetries && error.isRetryable,
    cause: error,
  });
}

/** The URL of a fallback chain's last attempt that made a request. */
function lastURL(attempts: readonly { error: unknown }[]): string | undefined {
  const urls = attempts.map(({ error }) =>
    ProviderError.isInstance(error) ? error.url : undefined,
  );
  return urls.findLast((url) => url !== undefined);
}
