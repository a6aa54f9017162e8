import type { ClientResult, ScenarioResult } from './bench-report.js';
import { scenarioResult } from './bench-report.js';
import type { ScenarioInfo, WorkloadResult } from './bench-scenario.js';
import { askChild } from './child-process.js';
import type { BenchMode } from './client-job.js';

/** Sizes of S3d. */
export interface DecoderParams {
  size: number;
}

/**
 * S3d: the streaming UTF-8 decoders Node offers, on S3's reply from memory (no network), so S3's
 * figures can be read against the decoding cost alone. No target: it informs the choice of decoder.
 */
export const decodersScenario: ScenarioInfo<DecoderParams> = {
  id: 'S3d',
  title: 'decoders: S3 reply from memory, no network',
  sizes: { full: { size: 64 * 1024 * 1024 }, smoke: { size: 1024 * 1024 + 3 } },
  metrics: [
    { key: 'megabytesPerSecond4k', unit: 'MB/s in 4 KiB pieces', better: 'higher' },
    { key: 'megabytesPerSecond64k', unit: 'MB/s in 64 KiB pieces', better: 'higher' },
  ],
  baseline: 'TextDecoder stream',
  targets: [],
};

/** Runs S3d in a process of its own. */
export async function runDecoderScenario(mode: BenchMode): Promise<ScenarioResult> {
  const params = decodersScenario.sizes[mode];
  let clients: ClientResult[];
  try {
    const results = await askChild<Record<string, WorkloadResult>>(
      'decoder-process.js',
      params.size,
      120_000,
    );
    clients = Object.entries(results).map(([client, result]) => ({ client, ...result }));
  } catch (error) {
    clients = [{ client: 'decoders', metrics: {}, wrongAnswers: 0, error: String(error) }];
  }
  return scenarioResult({
    id: decodersScenario.id,
    title: decodersScenario.title,
    params,
    metrics: decodersScenario.metrics,
    baseline: decodersScenario.baseline,
    targets: decodersScenario.targets,
    clients,
  });
}
