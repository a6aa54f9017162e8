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
  /** Why this anchor did not run here (e.g. Python's packages are missing); not a failure. */
  skipped?: string;
}

/** One target of a scenario with its measured ratio. */
export interface TargetResult {
  target: Target;
  /** The client's figure (and the reference's) as measured; undefined when either is missing. */
  value: number | undefined;
  referenceValue: number | undefined;
  /** value / referenceValue, or value itself for a limit without a reference. */
  ratio: number | undefined;
  met: boolean | undefined;
}

/** One scenario's figures for every client, and whether its target was met. */
export interface ScenarioResult {
  id: string;
  title: string;
  params: unknown;
  metrics: readonly MetricDefinition[];
  baseline: string;
  targets: readonly Target[];
  clients: ClientResult[];
  /** Each target with its ratio and verdict. */
  targetResults: TargetResult[];
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
    scenario.clients.some(
      (client) =>
        client.skipped === undefined && (client.wrongAnswers > 0 || client.error !== undefined),
    ),
  );
}

/** Fills in a scenario's targets from its clients' figures. */
export function scenarioResult(fields: Omit<ScenarioResult, 'targetResults'>): ScenarioResult {
  const figure = (name: string, metric: string) =>
    fields.clients.find(
      (client) =>
        client.client === name && client.error === undefined && client.skipped === undefined,
    )?.metrics[metric];
  const targetResults = fields.targets.map((target): TargetResult => {
    const value = figure(target.client, target.metric);
    const referenceValue =
      target.reference === undefined ? 1 : figure(target.reference, target.metric);
    const ratio =
      value === undefined || referenceValue === undefined || referenceValue === 0
        ? undefined
        : value / referenceValue;
    const met =
      ratio === undefined
        ? undefined
        : target.comparison === 'at-least'
          ? ratio >= target.ratio
          : ratio <= target.ratio;
    return {
      target,
      value,
      referenceValue: target.reference === undefined ? undefined : referenceValue,
      ratio,
      met,
    };
  });
  return { ...fields, targetResults };
}
