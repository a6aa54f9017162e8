export { createProvider } from './create-provider.js';
export { defineSite, type SiteFacts } from './define-site.js';
export { describeValue } from './describe-value.js';
export {
  AuthRejectedError,
  type AuthRejectedErrorOptions,
  type RefusedCredential,
} from './errors/auth-rejected-error.js';
export { CloudflareError } from './errors/cloudflare-error.js';
export { ConnectionError, type ConnectionErrorOptions } from './errors/connection-error.js';
export {
  type FallbackAttempt,
  FallbackError,
  type FallbackErrorOptions,
} from './errors/fallback-error.js';
export {
  InvalidRequestError,
  type InvalidRequestErrorOptions,
} from './errors/invalid-request-error.js';
export {
  InvalidSettingError,
  type InvalidSettingErrorOptions,
} from './errors/invalid-setting-error.js';
export {
  ModelFailedMidReplyError,
  type ModelFailedMidReplyErrorOptions,
} from './errors/model-failed-mid-reply-error.js';
export {
  ModelNotFoundError,
  type ModelNotFoundErrorOptions,
} from './errors/model-not-found-error.js';
export { ProviderError, type ProviderErrorOptions } from './errors/provider-error.js';
export { ProxyError, type ProxyErrorOptions } from './errors/proxy-error.js';
export {
  RateLimitError,
  type RateLimitErrorOptions,
  type RateLimitSource,
} from './errors/rate-limit-error.js';
export {
  ReplyEncodingError,
  type ReplyEncodingErrorOptions,
} from './errors/reply-encoding-error.js';
export {
  ReplyTooLargeError,
  type ReplyTooLargeErrorOptions,
} from './errors/reply-too-large-error.js';
export {
  MAX_ERROR_BODY_LENGTH,
  ResponseStatusError,
  type ResponseStatusErrorOptions,
} from './errors/response-status-error.js';
export {
  TimeoutError,
  type TimeoutErrorOptions,
  type TimeoutPhase,
} from './errors/timeout-error.js';
export { createFallback, type FallbackOptions } from './fallback.js';
export { formatPrompt } from './format-prompt.js';
export { convertToGeminiMessages, type GeminiMessage } from './gemini-message.js';
export {
  lastMessageContent,
  MESSAGE_ROLES,
  type Message,
  type MessageRole,
  toPlainMessages,
} from './message.js';
export {
  createOptionChecker,
  MAX_DURATION,
  type NumberRange,
  numberFromText,
  type OptionChecker,
  type OptionKind,
  type StringRules,
  type UrlRules,
} from './option-check.js';
export { type ChatRequest, collectText, type Provider, type ProviderInfo } from './provider.js';
export type {
  ProviderDefinition,
  RateLimitSignals,
  SpentQuotaSignal,
  TimeUnit,
} from './provider-definition.js';
export { type ProviderFactory, providerFactory } from './provider-factory.js';
export type { ProviderSettings } from './provider-settings.js';
export type { AttemptOrder } from './random-order.js';
export { redactCredentials } from './redact-credentials.js';
export { DEFAULT_MAX_REPLY_BYTES } from './resolve-settings.js';
export { generateSignature } from './signature.js';
export {
  SITE_TEMPLATES,
  type SiteTemplate,
  TEMPLATE_IDS,
  type TemplateId,
} from './site-template.js';
export { Utf8StreamDecoder, utf8CutPoint } from './utf8-stream-decoder.js';
