export {
  createServer,
  type FreechatServer,
  type ListenOptions,
} from './create-server.js';
export type { OpenAIErrorBody } from './http/http-error.js';
export { closeOnSignals, type ShutdownSignalOptions } from './http/shutdown-signals.js';
export type { HealthStatus } from './monitoring/health-route.js';
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_COOLDOWN_AFTER_FAILURES,
  DEFAULT_COOLDOWN_TIME,
  DEFAULT_REDIS_KEY_PREFIX,
  DEFAULT_REQUEST_TIMEOUT,
  DEFAULT_SHUTDOWN_GRACE_PERIOD,
  DEFAULT_WRITE_TIMEOUT,
  type LogDestination,
  type ServerOptions,
} from './options.js';
export type { ModelList, ModelObject } from './providers/models-route.js';
export type { CooldownReason } from './providers/provider-cooldowns.js';
export type { ProviderStatus } from './providers/provider-status.js';
export type { ProviderEntry, ProviderList } from './providers/providers-route.js';
export { CHARACTERS_PER_TOKEN, type CompletionUsage } from './reply/usage.js';
export type { ApiKeySettings } from './state/api-keys.js';
export { REDIS_TIMEOUT } from './state/create-state.js';
export { MAX_STORED_RESPONSE_BYTES, MAX_STORED_RESPONSES } from './state/memory-responses.js';
export type { KeyLimits, StateBackend, StateStatus } from './state/server-state.js';
export { DEFAULT_STORED_RESPONSE_TTL } from './state/stored-responses.js';
