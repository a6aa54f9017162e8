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
  lines.push(
    '',
    '| Scenario | Target | Figure | Anchor | Ratio | Met |',
    '| --- | --- | ---: | ---: | ---: | --- |',
  );
  for (const scenario of report.scenarios) {
    for (const result of scenario.targetResults) {
      const { target } = result;
      const unit = scenario.metrics.find((metric) => metric.key === target.metric)?.unit ?? '';
      const ratio =
        result.ratio === undefined || target.reference === undefined
          ? '–'
          : `${result.ratio.toFixed(2)}×`;
      const met = result.met === undefined ? '–' : result.met ? 'yes' : '**no**';
      const figure = `${formatValue(result.value)} (${target.client})`;
      const anchor =
        target.reference === undefined
          ? '–'
          : `${formatValue(result.referenceValue)} (${target.reference})`;
      lines.push(
        `| ${scenario.id} | ${describeTarget(target, unit)} | ${figure} | ${anchor} | ${ratio} | ${met} |`,
      );
    }
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
        client.skipped !== undefined
          ? `skipped: ${client.skipped.replaceAll('|', '/')}`
          : client.error !== undefined
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

export function formatValue(value: number | undefined): string {
  if (value === undefined) return '–';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

function describeTarget(target: Target, unit: string): string {
  const sign = target.comparison === 'at-least' ? '≥' : '≤';
  if (target.reference === undefined) return `${unit}: ${target.client} ${sign} ${target.ratio}`;
  return `${unit}: ${target.client} ${sign} ${target.ratio} × ${target.reference}`;
}
