import type { BenchReport, ScenarioResult } from './bench-report.js';
import type { Target } from './bench-scenario.js';

/**
 * The run as two Markdown tables: every client's figures with their ratio to the scenario's baseline
 * (raw undici; the emulator itself in S6), then each target with its ratio and verdict.
 */
export function formatResultsTable(report: BenchReport): string {
  const lines = [
    '| Scenario | Figure | Client | Value | Ratio | Checked |',
    '| --- | --- | --- | ---: | ---: | --- |',
  ];
  for (const scenario of report.scenarios) lines.push(...figureRows(scenario));
  lines.push('', '| Scenario | Target | Ratio | Met |', '| --- | --- | ---: | --- |');
  for (const scenario of report.scenarios) {
    if (scenario.target === undefined) continue;
    const ratio = scenario.targetRatio === undefined ? '–' : `${scenario.targetRatio.toFixed(2)}×`;
    const met = scenario.targetMet === undefined ? '–' : scenario.targetMet ? 'yes' : '**no**';
    lines.push(`| ${scenario.id} | ${describeTarget(scenario.target)} | ${ratio} | ${met} |`);
  }
  return lines.join('\n');
}

function figureRows(scenario: ScenarioResult): string[] {
  const rows: string[] = [];
  const baseline = scenario.clients.find((client) => client.client === scenario.baseline);
  for (const metric of scenario.metrics) {
    for (const client of scenario.clients) {
      const value = client.metrics[metric.key];
      const reference = baseline?.metrics[metric.key];
      const ratio =
        value === undefined || reference === undefined || reference === 0
          ? '–'
          : `${(value / reference).toFixed(2)}× ${scenario.baseline}`;
      const checked =
        client.error !== undefined
          ? `crashed: ${client.error.replaceAll('|', '/').slice(0, 80)}`
          : client.wrongAnswers > 0
            ? `**${client.wrongAnswers} wrong**`
            : 'ok';
      rows.push(
        `| ${scenario.id} ${scenario.title} | ${metric.unit} | ${client.client} | ${formatValue(value)} | ${ratio} | ${checked} |`,
      );
    }
  }
  return rows;
}

function formatValue(value: number | undefined): string {
  if (value === undefined) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

function describeTarget(target: Target): string {
  const sign = target.comparison === 'at-least' ? '≥' : '≤';
  return `${target.client} ${target.metric} ${sign} ${target.ratio} × ${target.reference}`;
}
