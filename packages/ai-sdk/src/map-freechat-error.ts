import { APICallError, InvalidArgumentError, InvalidPromptError } from '@ai-sdk/provider';
import {
  FallbackError,
  InvalidRequestError,
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
 * Turns a freechat error into the AI SDK error an `ai` user expects, keeping the original as `cause`:
 *
 * - a bad conversation (InvalidRequestError on `messages…`) → InvalidPromptError; any other bad
 *   request setting → InvalidArgumentError;
 * - every other freechat error (status, rate limit, Cloudflare, auth, connection, timeout, a failed
 *   fallback chain) → APICallError with the freechat message, `url`, and for an HTTP answer
 *   `statusCode`, `responseHeaders` and `responseBody`; `isRetryable` is freechat's verdict only when
 *   `aiRetries` is on, else false.
 *
 * Anything else (an abort's reason, an AI SDK error) is returned unchanged.
 */
export function mapFreechatError(error: unknown, call: FailedCall): unknown {
  if (!ProviderError.isInstance(error)) return error;
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
