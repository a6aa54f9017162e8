import type { ClientScenario } from './bench-scenario.js';
import { asciiThroughputScenario } from './scenario-ascii-throughput.js';
import { concurrencyScenario } from './scenario-concurrency.js';
import { httpsScenario } from './scenario-https.js';
import { latencyScenario } from './scenario-latency.js';
import { memoryScenario } from './scenario-memory.js';
import { throughputScenario } from './scenario-throughput.js';

/** S1–S5 and S3a, the scenarios that run each client in its own process, by id. */
// biome-ignore lint/suspicious/noExplicitAny: each scenario has its own parameter type.
export const CLIENT_SCENARIOS: Readonly<Record<string, ClientScenario<any>>> = {
  S1: latencyScenario,
  S2: concurrencyScenario,
  S3: throughputScenario,
  S3a: asciiThroughputScenario,
  S4: httpsScenario,
  S5: memoryScenario,
};
