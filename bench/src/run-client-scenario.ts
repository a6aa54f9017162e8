import type { ClientKind } from './bench-client-kind.js';
import { type ClientResult, type ScenarioResult, scenarioResult } from './bench-report.js';
import type { ClientScenario, MetricDefinition, Upstream } from './bench-scenario.js';
import { askChild } from './child-process.js';
import type { BenchMode, ClientJob, ClientReply } from './client-job.js';
import type { EmulatorHandle } from './emulator-handle.js';

/** The longest a client process may take for one scenario (10 000 slow streams take a while). */
const CLIENT_TIMEOUT_MS = 300_000;

/**
 * Runs one of S1–S5: each client kind in a fresh process of its own, against the emulator (or its TLS
 * proxy). A full run repeats this `rounds` times, rotating which client goes first, and keeps each
 * client's best round by the first figure (the least disturbed by whatever else the machine runs). A
 * client that crashes or times out is recorded with its error; wrong answers add up over the rounds.
 */
export async function runClientScenario<PARAMS>(
  scenario: ClientScenario<PARAMS>,
  mode: BenchMode,
  emulator: EmulatorHandle,
): Promise<ScenarioResult> {
  const rounds = mode === 'full' ? (scenario.rounds ?? 1) : 1;
  const primary = scenario.metrics[0]!;
  const best = new Map<ClientKind, ClientResult>();
  for (let round = 0; round < rounds; round++) {
    const order = scenario.clients.map(
      (_, index) => scenario.clients[(index + round) % scenario.clients.length]!,
    );
    for (const client of order) {
      const result = await runClient(scenario.id, mode, client, emulator, scenario.upstream);
      best.set(client, betterRun(best.get(client), result, primary));
    }
  }
  return scenarioResult({
    id: scenario.id,
    title: scenario.title,
    params: scenario.sizes[mode],
    metrics: scenario.metrics,
    baseline: scenario.baseline,
    targets: scenario.targets,
    clients: scenario.clients.map((client) => best.get(client)!),
  });
}

/**
 * Warms the emulator's process up (its JIT) with S2's full load from raw undici, so the first client
 * measured does not pay for it. The answer is only checked.
 */
export async function warmUpEmulator(emulator: EmulatorHandle): Promise<void> {
  const result = await runClient('S2', 'full', 'undici', emulator, 'emulator');
  if (result.error !== undefined || result.wrongAnswers > 0) {
    throw new Error(`warming the emulator up failed: ${result.error ?? 'wrong answers'}`);
  }
}

/**
 * Runs one client kind on one scenario in a fresh process (with `params` instead of the mode's sizes
 * when given); a crash or a timeout is recorded as the client's error.
 */
export async function runClient(
  scenario: string,
  mode: BenchMode,
  client: ClientKind,
  emulator: EmulatorHandle,
  upstream: Upstream,
  params?: unknown,
): Promise<ClientResult> {
  const job: ClientJob = {
    scenario,
    mode,
    client,
    origin:
      upstream === 'tls-proxy'
        ? emulator.tlsURL
        : upstream === 'ascii'
          ? emulator.asciiURL
          : upstream === 'h2'
            ? emulator.h2URL
            : upstream === 'emulator-tls'
              ? emulator.emulatorTlsURL
              : emulator.url,
    ...(params === undefined ? {} : { params }),
  };
  try {
    const reply = await askChild<ClientReply>('client-process.js', job, CLIENT_TIMEOUT_MS, {
      NODE_EXTRA_CA_CERTS: emulator.certFile,
    });
    return { client, ...reply };
  } catch (error) {
    return { client, metrics: {}, wrongAnswers: 0, error: String(error) };
  }
}

/**
 * Of two runs of one client, the one with the better `metric`, with the wrong answers of both added
 * up and the first error kept.
 */
export function betterRun(
  previous: ClientResult | undefined,
  result: ClientResult,
  metric: MetricDefinition,
): ClientResult {
  if (previous === undefined) return result;
  const wrongAnswers = previous.wrongAnswers + result.wrongAnswers;
  const error = previous.error ?? result.error;
  const better = isBetterRun(result, previous, metric);
  return { ...(better ? result : previous), wrongAnswers, ...(error ? { error } : {}) };
}

/** Whether `candidate`'s `metric` is better than `current`'s (a run without the figure never is). */
export function isBetterRun(
  candidate: ClientResult,
  current: ClientResult,
  metric: MetricDefinition,
): boolean {
  const higher = metric.better === 'higher';
  const value = candidate.metrics[metric.key];
  const reference = current.metrics[metric.key];
  if (value === undefined) return false;
  if (reference === undefined) return true;
  return higher ? value > reference : value < reference;
}
