export type { ProbeResult } from './commands/check-command.js';
export { PROVIDER_IDS, type ProviderId } from './connection/provider-registry.js';
export { runCli } from './main.js';
export type { CliInput, CliIO, CliOutput, CliSignal } from './terminal/io.js';
