import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchReport } from './bench-report.js';
import { formatResultsChart } from './results-chart.js';

/**
 * Writes the run as JSON to `<directory>/latest.json` and its chart to `<directory>/latest.svg` (the
 * files kept in git, shown in the bench README), replacing the previous ones, and returns their paths.
 */
export async function writeResultsFiles(directory: string, report: BenchReport): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const json = join(directory, 'latest.json');
  const chart = join(directory, 'latest.svg');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(chart, formatResultsChart(report));
  return [json, chart];
}
