/**
 * The bench's entry: `node dist/bench.js [--smoke] [--only S1,S3] [--out DIRECTORY] [--streams LOW,HIGH]`. Starts the
 * emulator in its own process, runs every scenario, prints the tables, and (full runs of everything,
 * or any run given `--out`) writes `latest.json` and its chart `latest.svg` to `results/` (or
 * DIRECTORY). `--streams` replaces S5's two stream counts (1 000 and 10 000). A smoke run (tiny sizes, every scenario and client at once) only checks the
 * answers. Exits 1 if any client gave a wrong answer or crashed; a missed target only
 * shows in the table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchReport, hasFailures, type ScenarioResult } from './bench-report.js';
import type { BenchMode } from './client-job.js';
import { CLIENT_SCENARIOS } from './client-scenarios.js';
import { type EmulatorHandle, startEmulatorProcess } from './emulator-handle.js';
import { machineInfo } from './machine-info.js';
import { writeResultsFiles } from './results-file.js';
import { formatResultsTable } from './results-table.js';
import { runClientScenario, warmUpEmulator } from './run-client-scenario.js';
import { runMemoryScenario } from './run-memory-scenario.js';
import { decodersScenario, runDecoderScenario } from './scenario-decoders.js';
import { memoryScenario } from './scenario-memory.js';
import { runServerScenario, serverScenario } from './scenario-server.js';
import { runServerToolsScenario, serverToolsScenario } from './scenario-server-tools.js';
import { runStateScenario, stateScenario } from './scenario-state.js';
import { createCertificate } from './tls-certificate.js';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    streams: { type: 'string' },
  },
});
const mode: BenchMode = values.smoke ? 'smoke' : 'full';
const wanted = values.only?.split(',').map((id) => id.trim().toUpperCase());
const streamCounts = values.streams?.split(',').map(Number) as [number, number] | undefined;
if (
  streamCounts !== undefined &&
  (streamCounts.length !== 2 ||
    !streamCounts.every((count) => Number.isInteger(count) && count > 0))
) {
  throw new Error('--streams takes two stream counts, e.g. --streams 1000,4000');
}

/** Every scenario in the order they run. */
const STEPS: {
  id: string;
  title: string;
  run(emulator: EmulatorHandle): Promise<ScenarioResult>;
}[] = [
  ...['S1', 'S2', 'S3', 'S3a'].map((id) => clientStep(id)),
  { ...decodersScenario, run: () => runDecoderScenario(mode) },
  clientStep('S4'),
  { ...memoryScenario, run: (emulator) => runMemoryScenario(mode, emulator, streamCounts) },
  { ...serverScenario, run: (emulator) => runServerScenario(mode, emulator) },
  { ...serverToolsScenario, run: (emulator) => runServerToolsScenario(mode, emulator) },
  { ...stateScenario, run: (emulator) => runStateScenario(mode, emulator) },
];

function clientStep(id: string) {
  const scenario = CLIENT_SCENARIOS[id]!;
  return {
    ...scenario,
    run: (emulator: EmulatorHandle) => runClientScenario(scenario, mode, emulator),
  };
}

const startedAt = new Date();
const directory = await mkdtemp(join(tmpdir(), 'freechat-bench-'));
const emulator = await startEmulatorProcess(await createCertificate(directory));
const scenarios: ScenarioResult[] = [];
try {
  if (mode === 'full') await warmUpEmulator(emulator);
  const chosen = STEPS.filter(
    (step) => wanted === undefined || wanted.includes(step.id.toUpperCase()),
  );
  if (mode === 'smoke') {
    // Only correctness counts in a smoke run: everything at once, to be quick.
    scenarios.push(...(await Promise.all(chosen.map((step) => step.run(emulator)))));
  } else {
    for (const step of chosen) {
      process.stderr.write(`${step.id} ${step.title}…\n`);
      scenarios.push(await step.run(emulator));
    }
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
if (values.out !== undefined || (mode === 'full' && wanted === undefined)) {
  const resultsDirectory = values.out ?? fileURLToPath(new URL('../results', import.meta.url));
  const written = await writeResultsFiles(resultsDirectory, report);
  process.stdout.write(`\nWritten ${written.join(' and ')}\n`);
}
if (hasFailures(report)) {
  process.stderr.write('A client gave a wrong answer or crashed.\n');
  process.exitCode = 1;
}
