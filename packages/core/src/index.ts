export {
  AuthRejectedError,
  type AuthRejectedErrorOptions,
  type RefusedCredential,
} from './errors/auth-rejected-error.js';
export { CloudflareError } from './errors/cloudflare-error.js';
export { ConnectionError, type ConnectionErrorOptions } from './errors/connection-error.js';
export { EmptyReplyError, type EmptyReplyErrorOptions } from './errors/empty-reply-error.js';
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
export { SiteMisconfiguredError } from './errors/site-misconfigured-error.js';
export {
  TimeoutError,
  type TimeoutErrorOptions,
  type TimeoutPhase,
} from './errors/timeout-error.js';
export { UnexpectedReplyError } from './errors/unexpected-reply-error.js';
export { formatPrompt } from './messages/format-prompt.js';
export { convertToGeminiMessages, type GeminiMessage } from './messages/gemini-message.js';
export {
  lastMessageContent,
  MESSAGE_ROLES,
  type Message,
  type MessageRole,
  toPlainMessages,
} from './messages/message.js';
export { createFallback, type FallbackOptions } from './policy/fallback.js';
export type { AttemptOrder } from './policy/random-order.js';
export { createProvider } from './provider/create-provider.js';
export {
  type ChatRequest,
  collectText,
  type Provider,
  type ProviderInfo,
} from './provider/provider.js';
export { type ProviderFactory, providerFactory } from './provider/provider-factory.js';
export type { ProviderWithTools } from './provider/provider-with-tools.js';
export type { RetryEvent } from './provider/retry-event.js';
export type { ProviderSettings } from './settings/provider-settings.js';
export { redactCredentials } from './settings/redact-credentials.js';
export { DEFAULT_MAX_REPLY_BYTES } from './settings/resolve-settings.js';
export { defineSite, type SiteFacts } from './sites/define-site.js';
export type {
  ProviderDefinition,
  RateLimitSignals,
  ResponseSignal,
  TimeUnit,
} from './sites/provider-definition.js';
export { generateSignature } from './sites/signature.js';
export {
  SITE_TEMPLATES,
  type SiteTemplate,
  TEMPLATE_IDS,
  type TemplateId,
} from './sites/site-template.js';
export {
  type CheckedToolRequest,
  type CheckedToolSchemas,
  checkToolRequest,
  type ToolRequestFields,
} from './tools/check-tool-request.js';
export { completeWithTools, type ToolReply } from './tools/complete-with-tools.js';
export { PreparedToolPrompt } from './tools/prepared-tool-prompt.js';
export { streamToolParts } from './tools/stream-tool-parts.js';
export {
  createToolArgumentsValidator,
  type ToolArgumentsValidator,
} from './tools/tool-arguments-validator.js';
export { ToolCallError, type ToolCallErrorOptions } from './tools/tool-call-error.js';
export { formatToolCalls, type WrittenToolCall } from './tools/tool-call-format.js';
export { generateToolCallId } from './tools/tool-call-id.js';
export { ToolCallParser, type ToolCallParserOptions } from './tools/tool-call-parser.js';
export type { PreparedToolChatRequest, ToolChatRequest } from './tools/tool-chat-request.js';
export { type ToolCallProblem, toolCorrectionMessage } from './tools/tool-correction.js';
export {
  type JsonSchema,
  TOOL_NAME_PATTERN,
  type ToolChoice,
  type ToolDefinition,
} from './tools/tool-definition.js';
export {
  formatToolInstruction,
  parseToolInstruction,
  TOOL_INSTRUCTION_HEADER,
  type ToolInstruction,
} from './tools/tool-instruction.js';
export type {
  InvalidToolCallPart,
  TextPart,
  ToolCallPart,
  ToolParserPart,
  ToolStreamPart,
} from './tools/tool-part.js';
export { buildToolPrompt } from './tools/tool-prompt.js';
export {
  formatToolResults,
  parseToolResults,
  type WrittenToolResult,
} from './tools/tool-result-format.js';
export type {
  AssistantToolCallMessage,
  ToolCall,
  ToolResultMessage,
  TranscriptMessage,
} from './tools/tool-transcript.js';
export { Utf8StreamDecoder } from './transport/utf8-stream-decoder.js';
