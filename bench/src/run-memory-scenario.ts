import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { emulatedReplyText, scenarioHeaderValue } from '@freechat/emulator';
import { type ClientResult, type ScenarioResult, scenarioResult } from './bench-report.js';
import type { BenchMode } from './client-job.js';
import type { EmulatorHandle } from './emulator-handle.js';
import { firstLine, pythonAnchorMissing, pythonScriptPath } from './gateway-handle.js';
import { runClient } from './run-client-scenario.js';
import { type MemoryParams, memoryScenario } from './scenario-memory.js';
import { BENCH_MESSAGES, generateURL } from './signed-request.js';

/** The longest the Python anchor may take for one stream count. */
const PYTHON_TIMEOUT_MS = 300_000;

/**
 * Runs S5: each client (`node-http2` against the h2 reply server, the others against the emulator; and
 * the Python aiohttp anchor, one pooled session, when Debian's
 * `python3-aiohttp` is there) at both stream counts, each run in a fresh process; reports the peak RSS
 * at each and the slope between them in kB (10³ bytes) per added stream. `streamCounts` replaces the
 * mode's two counts.
 */
export async function runMemoryScenario(
  mode: BenchMode,
  emulator: EmulatorHandle,
  streamCounts?: readonly [number, number],
): Promise<ScenarioResult> {
  const modeSizes = memoryScenario.sizes[mode];
  const sizes = streamCounts === undefined ? modeSizes : { ...modeSizes, streamCounts };
  const [low, high] = sizes.streamCounts;
  const clients: ClientResult[] = [];
  for (const client of memoryScenario.clients) {
    const upstream =
      client === 'node-http2' ? 'h2' : client.endsWith('-http2') ? 'emulator-tls' : 'emulator';
    const atCount = (streams: number) =>
      runClient(memoryScenario.id, mode, client, emulator, upstream, { ...sizes, streams });
    clients.push(slopeResult(client, await atCount(low), await atCount(high), low, high));
  }
  const missing = pythonAnchorMissing(['aiohttp']);
  if (missing !== undefined) {
    clients.push({ client: 'python-aiohttp', metrics: {}, wrongAnswers: 0, skipped: missing });
  } else {
    const atCount = (streams: number) => runPythonStreams(emulator, { ...sizes, streams });
    clients.push(slopeResult('python-aiohttp', await atCount(low), await atCount(high), low, high));
  }
  return scenarioResult({
    id: memoryScenario.id,
    title: memoryScenario.title,
    params: sizes,
    metrics: memoryScenario.metrics,
    baseline: memoryScenario.baseline,
    targets: memoryScenario.targets,
    clients,
  });
}

/** One client's two runs as one result: both peaks and the slope between them. */
function slopeResult(
  client: string,
  lowRun: ClientResult,
  highRun: ClientResult,
  low: number,
  high: number,
): ClientResult {
  const wrongAnswers = lowRun.wrongAnswers + highRun.wrongAnswers;
  const error = lowRun.error ?? highRun.error;
  if (error !== undefined) return { client, metrics: {}, wrongAnswers, error };
  const peakRssLowMB = lowRun.metrics.peakRssMB!;
  const peakRssHighMB = highRun.metrics.peakRssMB!;
  const metrics: Record<string, number> = {
    slopeKB: ((peakRssHighMB - peakRssLowMB) * 1000) / (high - low),
    peakRssLowMB,
    peakRssHighMB,
    startRssMB: highRun.metrics.startRssMB!,
  };
  // The Python anchor reports RSS only.
  for (const [peakKey, slopeKey] of [
    ['peakHeapMB', 'heapSlopeKB'],
    ['peakExternalMB', 'externalSlopeKB'],
    ['peakNewSpaceMB', 'newSpaceSlopeKB'],
  ] as const) {
    const lowValue = lowRun.metrics[peakKey];
    const highValue = highRun.metrics[peakKey];
    if (lowValue !== undefined && highValue !== undefined) {
      metrics[slopeKey] = ((highValue - lowValue) * 1000) / (high - low);
    }
  }
  return { client, metrics, wrongAnswers };
}

/** `python3 aiohttp_streams.py` at one stream count, killed after PYTHON_TIMEOUT_MS. */
async function runPythonStreams(
  emulator: EmulatorHandle,
  params: MemoryParams,
): Promise<ClientResult> {
  const step = memoryScenario.step(params);
  const text = emulatedReplyText('free2gpt', BENCH_MESSAGES, step);
  const child = spawn(
    '/usr/bin/python3',
    [
      pythonScriptPath('aiohttp_streams.py'),
      generateURL(`${emulator.url}/free2gpt`),
      scenarioHeaderValue(step),
      String(params.streams),
      String(params.startsPerSecond),
      String(Buffer.byteLength(text)),
      createHash('sha256').update(text, 'utf8').digest('hex'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const timer = setTimeout(() => child.kill('SIGKILL'), PYTHON_TIMEOUT_MS);
  try {
    const reply = JSON.parse(await firstLine(child)) as {
      peakRssMB: number;
      startRssMB: number;
      wrongAnswers: number;
    };
    return {
      client: 'python-aiohttp',
      metrics: { peakRssMB: reply.peakRssMB, startRssMB: reply.startRssMB },
      wrongAnswers: reply.wrongAnswers,
    };
  } catch (error) {
    return { client: 'python-aiohttp', metrics: {}, wrongAnswers: 0, error: String(error) };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
}
