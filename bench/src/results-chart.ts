import type { BenchReport, ScenarioResult, TargetResult } from './bench-report.js';
import { formatValue } from './results-table.js';

/** Layout of the chart, in SVG user units. */
const WIDTH = 760;
const LABEL_WIDTH = 150;
const VALUE_WIDTH = 140;
const BAR_HEIGHT = 16;
const ROW_HEIGHT = 22;
const TITLE_HEIGHT = 40;
const PANEL_GAP = 14;

/** Bar colours: the measured side (freechat or its server), its anchors, and the target line. */
const MEASURED_COLOUR = '#2f6fdf';
const ANCHOR_COLOUR = '#9aa3ad';
const TARGET_COLOUR = '#d23f31';

/**
 * The run as one SVG chart: a panel per target (each figure of the issue's table), with a bar per
 * client of that scenario for that figure, the measured side in blue, its anchors in grey, each bar's
 * value with its ratio to the target's reference (S6's ladder of floors reads as ratios to the floor),
 * and the target as a red dashed line where it has a reference. Clients without the figure (crashed
 * or skipped) are listed with their reason.
 */
export function formatResultsChart(report: BenchReport): string {
  const panels: string[] = [];
  let top = 10;
  for (const scenario of report.scenarios) {
    for (const result of scenario.targetResults) {
      const panel = chartPanel(scenario, result, top);
      panels.push(panel.svg);
      top += panel.height + PANEL_GAP;
    }
  }
  const height = top + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...panels,
    `<text x="10" y="${height - 6}" fill="#555" font-size="10">${escapeXml(`freechat bench, ${report.mode} run ${report.startedAt}, ${report.machine.node}, ${report.machine.cpus} × ${report.machine.cpuModel}`)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}

function chartPanel(
  scenario: ScenarioResult,
  result: TargetResult,
  top: number,
): { svg: string; height: number } {
  const { target } = result;
  const metric = scenario.metrics.find((candidate) => candidate.key === target.metric);
  const unit = metric?.unit ?? target.metric;
  const better = metric?.better === 'higher' ? 'higher is better' : 'lower is better';
  const rows = scenario.clients.map((client) => ({
    name: client.client,
    value: client.metrics[target.metric],
    reason: client.skipped ?? client.error,
  }));
  const goal =
    target.reference === undefined
      ? target.ratio
      : result.referenceValue === undefined
        ? undefined
        : target.ratio * result.referenceValue;
  const largest = Math.max(
    goal ?? 0,
    ...rows.map((row) => (row.value !== undefined && row.value > 0 ? row.value : 0)),
  );
  const scale = largest > 0 ? (WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20) / largest : 0;
  const sign = target.comparison === 'at-least' ? '≥' : '≤';
  const goalText =
    target.reference === undefined
      ? `target ${sign} ${target.ratio}`
      : `target ${sign} ${target.ratio} × ${target.reference}`;
  const verdict =
    result.ratio === undefined
      ? 'not measured'
      : `${target.reference === undefined ? formatValue(result.ratio) : `${result.ratio.toFixed(2)}×`}: ${result.met ? 'met' : 'missed'}`;
  const parts = [
    `<text x="10" y="${top + 14}" font-weight="bold">${escapeXml(`${scenario.id} ${scenario.title}`)}</text>`,
    `<text x="10" y="${top + 30}" fill="#333">${escapeXml(`${unit} (${better}); ${goalText}; ${verdict}`)}</text>`,
  ];
  const valueText = (value: number) =>
    target.reference === undefined ||
    result.referenceValue === undefined ||
    result.referenceValue === 0
      ? formatValue(value)
      : `${formatValue(value)} (${(value / result.referenceValue).toFixed(2)}× ${target.reference})`;
  rows.forEach((row, index) => {
    const y = top + TITLE_HEIGHT + index * ROW_HEIGHT;
    const measured = row.name === target.client;
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 12}" text-anchor="end"${measured ? ' font-weight="bold"' : ''}>${escapeXml(row.name)}</text>`,
    );
    if (row.value === undefined) {
      const reason = row.reason === undefined ? 'no figure' : row.reason.slice(0, 90);
      parts.push(`<text x="${LABEL_WIDTH}" y="${y + 12}" fill="#777">${escapeXml(reason)}</text>`);
      return;
    }
    const width = Math.max(1, Math.max(0, row.value) * scale);
    parts.push(
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${measured ? MEASURED_COLOUR : ANCHOR_COLOUR}"/>`,
      `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 12}">${escapeXml(valueText(row.value))}</text>`,
    );
  });
  const height = TITLE_HEIGHT + rows.length * ROW_HEIGHT;
  if (goal !== undefined && scale > 0) {
    const x = (LABEL_WIDTH + goal * scale).toFixed(1);
    parts.push(
      `<line x1="${x}" y1="${top + TITLE_HEIGHT - 4}" x2="${x}" y2="${top + height}" stroke="${TARGET_COLOUR}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    );
  }
  return { svg: `<g>\n${parts.join('\n')}\n</g>`, height };
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
