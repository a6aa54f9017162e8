export type { ProbeResult } from './check-command.js';
export type { CliInput, CliIO, CliOutput, CliSignal } from './cli-io.js';
export { PROVIDER_IDS, type ProviderId } from './cli-provider-registry.js';
export { runCli } from './main.js';
