/**
 * The bench's entry: `node dist/bench.js [--smoke] [--only S1,S3]`. Starts the emulator in its own
 * process, runs every scenario, prints the table, and (full runs) writes `results/latest.json`. Exits 1
 * if any client gave a wrong answer or crashed; missed targets only show in the table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchReport, hasFailures, type ScenarioResult } from './bench-report.js';
import type { BenchMode } from './client-job.js';
import { CLIENT_SCENARIOS } from './client-scenarios.js';
import { startEmulatorProcess } from './emulator-handle.js';
import { machineInfo } from './machine-info.js';
import { writeResultsFile } from './results-file.js';
import { formatResultsTable } from './results-table.js';
import { runClientScenario } from './run-client-scenario.js';
import { runServerScenario, serverScenario } from './scenario-server.js';
import { createCertificate } from './tls-certificate.js';

const { values } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const mode: BenchMode = values.smoke ? 'smoke' : 'full';
const wanted = values.only?.split(',').map((id) => id.trim().toUpperCase());
const selected = (id: string) => wanted === undefined || wanted.includes(id);

const startedAt = new Date();
const directory = await mkdtemp(join(tmpdir(), 'freechat-bench-'));
const emulator = await startEmulatorProcess(await createCertificate(directory));
const scenarios: ScenarioResult[] = [];
try {
  for (const scenario of Object.values(CLIENT_SCENARIOS)) {
    if (!selected(scenario.id)) continue;
    process.stderr.write(`${scenario.id} ${scenario.title}…\n`);
    scenarios.push(await runClientScenario(scenario, mode, emulator));
  }
  if (selected(serverScenario.id)) {
    process.stderr.write(`${serverScenario.id} ${serverScenario.title}…\n`);
    scenarios.push(await runServerScenario(mode, emulator));
  }
} finally {
  await emulator.stop();
  await rm(directory, { recursive: true, force: true });
}

const report: BenchReport = {
  mode,
  machine: machineInfo(),
  startedAt: startedAt.toISOString(),
  durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  scenarios,
};
process.stdout.write(`${formatResultsTable(report)}\n`);
if (mode === 'full' && wanted === undefined) {
  const resultsDirectory = fileURLToPath(new URL('../results', import.meta.url));
  process.stdout.write(`\nWritten ${await writeResultsFile(resultsDirectory, report)}\n`);
}
if (hasFailures(report)) {
  process.stderr.write('A client gave a wrong answer or crashed.\n');
  process.exitCode = 1;
}
