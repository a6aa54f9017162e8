import type { MetricDefinition, Target } from './bench-scenario.js';
import type { BenchMode } from './client-job.js';
import type { MachineInfo } from './machine-info.js';

/** One client's figures in one scenario. */
export interface ClientResult {
  /** A ClientKind, or `server` / `emulator` in S6. */
  client: string;
  metrics: Record<string, number>;
  wrongAnswers: number;
  error?: string;
}

/** One scenario's figures for every client, and whether its target was met. */
export interface ScenarioResult {
  id: string;
  title: string;
  params: unknown;
  metrics: readonly MetricDefinition[];
  baseline: string;
  target: Target | undefined;
  clients: ClientResult[];
  /** target.client's figure over target.reference's; undefined when either is missing. */
  targetRatio: number | undefined;
  targetMet: boolean | undefined;
}

/** A whole run: what the results file holds. */
export interface BenchReport {
  mode: BenchMode;
  machine: MachineInfo;
  startedAt: string;
  durationSeconds: number;
  scenarios: ScenarioResult[];
}

/** Whether any client answered wrongly or crashed. */
export function hasFailures(report: BenchReport): boolean {
  return report.scenarios.some((scenario) =>
    scenario.clients.some((client) => client.wrongAnswers > 0 || client.error !== undefined),
  );
}

/** Fills in a scenario's target ratio from its clients' figures. */
export function scenarioResult(
  fields: Omit<ScenarioResult, 'targetRatio' | 'targetMet'>,
): ScenarioResult {
  const { target, clients } = fields;
  if (target === undefined) return { ...fields, targetRatio: undefined, targetMet: undefined };
  const figure = (name: string) =>
    clients.find((client) => client.client === name && client.error === undefined)?.metrics[
      target.metric
    ];
  const value = figure(target.client);
  const reference = figure(target.reference);
  const targetRatio =
    value === undefined || reference === undefined || reference === 0
      ? undefined
      : value / reference;
  const targetMet =
    targetRatio === undefined
      ? undefined
      : target.comparison === 'at-least'
        ? targetRatio >= target.ratio
        : targetRatio <= target.ratio;
  return { ...fields, targetRatio, targetMet };
}
