import type { ClientScenario } from './bench-scenario.js';
import { runConcurrently } from './request-timing.js';

/** Sizes of S5. */
export interface MemoryParams {
  streams: number;
  chunks: number;
  chunkSize: number;
  delayMs: number;
}

/** How often the resident set size is sampled while the streams run. */
const SAMPLE_INTERVAL_MS = 10;

/**
 * S5: many slow streams at once (one small chunk every `delayMs`): the client process's peak resident
 * set size, from the kernel's high-water mark (`maxRSS`) and from sampling, whichever is higher. Also
 * reports the RSS before the first request, so the growth can be told from Node's own footprint.
 */
export const memoryScenario: ClientScenario<MemoryParams> = {
  kind: 'client',
  id: 'S5',
  title: 'memory: 1000 concurrent slow streams',
  sizes: {
    full: { streams: 1000, chunks: 30, chunkSize: 16, delayMs: 100 },
    smoke: { streams: 50, chunks: 5, chunkSize: 16, delayMs: 20 },
  },
  metrics: [
    { key: 'peakRssMB', unit: 'MB peak RSS', better: 'lower' },
    { key: 'startRssMB', unit: 'MB RSS at start', better: 'lower' },
  ],
  baseline: 'undici',
  targets: [
    {
      metric: 'peakRssMB',
      client: 'freechat',
      reference: 'undici',
      ratio: 0.8,
      comparison: 'at-most',
    },
  ],
  clients: ['freechat', 'undici', 'fetch'],
  tls: false,
  step: (params) => ({
    size: params.chunks * params.chunkSize,
    chunkSize: params.chunkSize,
    delayMs: params.delayMs,
  }),
  replySize: (params) => params.chunks * params.chunkSize,
  async workload(client, params, check) {
    const startRss = process.memoryUsage.rss();
    let sampledPeak = startRss;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
    }, SAMPLE_INTERVAL_MS);
    try {
      const task = () => client.complete();
      const wrongAnswers = await runConcurrently(params.streams, params.streams, task, check);
      const kernelPeak = process.resourceUsage().maxRSS * 1024;
      return {
        metrics: {
          peakRssMB: Math.max(sampledPeak, kernelPeak) / 1e6,
          startRssMB: startRss / 1e6,
        },
        wrongAnswers,
      };
    } finally {
      clearInterval(sampler);
    }
  },
};
