import { type ClientResult, type ScenarioResult, scenarioResult } from './bench-report.js';
import type { ClientScenario } from './bench-scenario.js';
import { askChild } from './child-process.js';
import type { BenchMode, ClientJob, ClientReply } from './client-job.js';
import type { EmulatorHandle } from './emulator-handle.js';

/** The longest a client process may take for one scenario. */
const CLIENT_TIMEOUT_MS = 120_000;

/**
 * Runs one of S1–S5: each client kind in turn, each in a fresh process of its own, against the
 * emulator (or its TLS proxy); a client that crashes or times out is recorded with its error.
 */
export async function runClientScenario<PARAMS>(
  scenario: ClientScenario<PARAMS>,
  mode: BenchMode,
  emulator: EmulatorHandle,
): Promise<ScenarioResult> {
  const clients: ClientResult[] = [];
  for (const client of scenario.clients) {
    const job: ClientJob = {
      scenario: scenario.id,
      mode,
      client,
      origin: scenario.tls ? emulator.tlsURL : emulator.url,
    };
    try {
      const reply = await askChild<ClientReply>('client-process.js', job, CLIENT_TIMEOUT_MS, {
        NODE_EXTRA_CA_CERTS: emulator.certFile,
      });
      clients.push({ client, ...reply });
    } catch (error) {
      clients.push({ client, metrics: {}, wrongAnswers: 0, error: String(error) });
    }
  }
  return scenarioResult({
    id: scenario.id,
    title: scenario.title,
    params: scenario.sizes[mode],
    metrics: scenario.metrics,
    baseline: scenario.baseline,
    target: scenario.target,
    clients,
  });
}
