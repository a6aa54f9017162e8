export {
  createServer,
  type FreechatServer,
  type ListenOptions,
} from './create-server.js';
export type { HealthStatus } from './server-health-route.js';
export type { OpenAIErrorBody } from './server-http-error.js';
export type { ModelList, ModelObject } from './server-models-route.js';
export {
  DEFAULT_BODY_LIMIT,
  DEFAULT_COOLDOWN_AFTER_FAILURES,
  DEFAULT_COOLDOWN_TIME,
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_REQUEST_TIMEOUT,
  DEFAULT_SHUTDOWN_GRACE_PERIOD,
  DEFAULT_WRITE_TIMEOUT,
  type LogDestination,
  type ServerOptions,
} from './server-options.js';
export type { CooldownReason } from './server-provider-cooldowns.js';
export type { ProviderStatus } from './server-provider-status.js';
export type { ProviderEntry, ProviderList } from './server-providers-route.js';
export { closeOnSignals, type ShutdownSignalOptions } from './server-shutdown-signals.js';
export { CHARACTERS_PER_TOKEN, type CompletionUsage } from './server-usage.js';
