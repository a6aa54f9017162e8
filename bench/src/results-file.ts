import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchReport } from './bench-report.js';

/**
 * Writes the run as JSON to `<directory>/latest.json` (the file kept in git), replacing the previous
 * one, and returns its path.
 */
export async function writeResultsFile(directory: string, report: BenchReport): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, 'latest.json');
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
