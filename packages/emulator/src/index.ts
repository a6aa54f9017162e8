export { DEFAULT_CLI_PORT, type EmulatorCommandOptions, runEmulatorCommand } from './cli/cli.js';
export {
  type EmulatorBannerOptions,
  type ExampleCurlOptions,
  exampleCurlCommand,
  formatEmulatorBanner,
} from './cli/emulator-banner.js';
export type { EmulatorOptions, EmulatorTls } from './emulator-options.js';
export {
  GEMINI_INVALID_KEY_MESSAGE,
  GEMINI_QUOTA_MESSAGE,
  MODEL_API_INVALID_KEY_BODY,
  MODEL_API_QUOTA_BODY,
} from './faults/fault-responses.js';
export { invalidUtf8DecodedText, invalidUtf8ReplyBytes } from './faults/invalid-utf8-reply.js';
export { PARTIAL_REPLY_CHUNKS, partialReplyLength } from './faults/partial-reply.js';
export { INTERNAL_ERROR_TAIL } from './faults/play-fault.js';
export { SCENARIO_HEADER, scenarioHeaderValue } from './faults/scenario-header.js';
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultStep,
  MID_REPLY_FAULTS,
  REPLY_FAULTS,
  type ReplyStep,
  type ScenarioStep,
} from './faults/scenario-step.js';
export type { EmulatorRequest } from './http/emulator-request.js';
export { selfSignedCertificate } from './http/self-signed-certificate.js';
export { defaultReplyText, questionFromSignedText } from './replies/default-reply.js';
export { emulatedReplyBytes, emulatedReplyText } from './replies/emulated-reply.js';
export { generatedReplyChunks, generatedReplySha256 } from './replies/generated-reply.js';
export {
  type ScriptedToolCall,
  TOOL_CALL_SHAPES,
  type ToolCallShape,
  type ToolCallTextOptions,
  toolCallText,
} from './replies/scripted-tool-call.js';
export type { DeploymentOptions } from './sites/deployment-options.js';
export { SITE_IDS, type SiteId } from './sites/site-id.js';
export { FREEGPT_QUOTA_TEXT, GPROCHAT_SECRET, SITE_TEMPLATE } from './sites/site-profile.js';
export { type Emulator, startEmulator } from './start-emulator.js';
