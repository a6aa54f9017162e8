export { DEFAULT_CLI_PORT, type EmulatorCommandOptions, runEmulatorCommand } from './cli.js';
export { defaultReplyText, questionFromSignedText } from './default-reply.js';
export type { DeploymentOptions } from './deployment-options.js';
export { emulatedReplyBytes, emulatedReplyText } from './emulated-reply.js';
export {
  type EmulatorBannerOptions,
  type ExampleCurlOptions,
  exampleCurlCommand,
  formatEmulatorBanner,
} from './emulator-banner.js';
export type { EmulatorOptions, EmulatorTls } from './emulator-options.js';
export type { EmulatorRequest } from './emulator-request.js';
export { GEMINI_QUOTA_MESSAGE, MODEL_API_QUOTA_BODY } from './fault-responses.js';
export { generatedReplyChunks, generatedReplySha256 } from './generated-reply.js';
export { invalidUtf8DecodedText, invalidUtf8ReplyBytes } from './invalid-utf8-reply.js';
export { PARTIAL_REPLY_CHUNKS, partialReplyLength } from './partial-reply.js';
export { INTERNAL_ERROR_TAIL } from './play-fault.js';
export { SCENARIO_HEADER, scenarioHeaderValue } from './scenario-header.js';
export {
  FAULT_KINDS,
  type FaultKind,
  type FaultStep,
  MID_REPLY_FAULTS,
  REPLY_FAULTS,
  type ReplyStep,
  type ScenarioStep,
} from './scenario-step.js';
export {
  type ScriptedToolCall,
  TOOL_CALL_SHAPES,
  type ToolCallShape,
  type ToolCallTextOptions,
  toolCallText,
} from './scripted-tool-call.js';
export { selfSignedCertificate } from './self-signed-certificate.js';
export { SITE_IDS, type SiteId } from './site-id.js';
export { FREEGPT_QUOTA_TEXT, GPROCHAT_SECRET, SITE_TEMPLATE } from './site-profile.js';
export { SITE_TEMPLATES, type SiteTemplate } from './site-template.js';
export { type Emulator, startEmulator } from './start-emulator.js';
