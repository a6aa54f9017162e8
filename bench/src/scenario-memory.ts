import { getHeapSpaceStatistics } from 'node:v8';
import type { ClientScenario } from './bench-scenario.js';
import { runRamped } from './request-timing.js';

/** Sizes of S5. */
export interface MemoryParams {
  /** Concurrent streams of one run. */
  streams: number;
  /** The two stream counts whose peak RSS gives the slope (bytes per added stream). */
  streamCounts: readonly [number, number];
  /** Streams started per second (a burst of 10 000 connects overflows the emulator's backlog). */
  startsPerSecond: number;
  chunks: number;
  chunkSize: number;
  delayMs: number;
}

/** How often the resident set size is sampled while the streams run. */
const SAMPLE_INTERVAL_MS = 10;

/**
 * S5: many slow streams at once (one small chunk every `delayMs`, started at `startsPerSecond`, each
 * living longer than the ramp so all run at once at the peak): the client process's peak resident
 * set size, from the kernel's high-water mark (`maxRSS`) and from sampling, whichever is higher, at two
 * stream counts, each in a fresh process; the figure is the slope between them (what each added stream
 * costs), since the peak at one count is mostly Node's fixed footprint under load. The sampled peaks
 * of the JS heap and of off-heap memory (`external`: Buffers, ArrayBuffers) give the same slope for
 * each, telling where a difference lives; the peak size of V8's young generation (`new_space`, whose
 * semi-spaces V8 grows while much of what it scavenges survives, as long-lived streams do) gives the part of the RSS slope that is the
 * garbage collector's headroom rather than memory held per stream.
 */
export const memoryScenario: ClientScenario<MemoryParams> = {
  kind: 'client',
  id: 'S5',
  title: 'memory: concurrent slow streams, peak RSS slope',
  sizes: {
    full: {
      streams: 1000,
      streamCounts: [1000, 10_000],
      startsPerSecond: 500,
      chunks: 30,
      chunkSize: 16,
      delayMs: 1000,
    },
    smoke: {
      streams: 20,
      streamCounts: [20, 50],
      startsPerSecond: 1000,
      chunks: 5,
      chunkSize: 16,
      delayMs: 20,
    },
  },
  metrics: [
    { key: 'slopeKB', unit: 'kB per added stream (peak RSS slope)', better: 'lower' },
    { key: 'heapSlopeKB', unit: 'kB JS heap per added stream', better: 'lower' },
    { key: 'externalSlopeKB', unit: 'kB off-heap (external) per added stream', better: 'lower' },
    { key: 'newSpaceSlopeKB', unit: 'kB young generation per added stream', better: 'lower' },
    { key: 'peakRssLowMB', unit: 'MB peak RSS, fewer streams', better: 'lower' },
    { key: 'peakRssHighMB', unit: 'MB peak RSS, more streams', better: 'lower' },
    { key: 'startRssMB', unit: 'MB RSS at start', better: 'lower' },
  ],
  baseline: 'undici',
  targets: [
    { metric: 'slopeKB', client: 'freechat', ratio: 24, comparison: 'at-most' },
    { metric: 'slopeKB', client: 'freechat-http2', ratio: 16, comparison: 'at-most' },
    {
      metric: 'slopeKB',
      client: 'freechat',
      reference: 'python-aiohttp',
      ratio: 1,
      comparison: 'at-most',
    },
  ],
  clients: [
    'freechat',
    'undici',
    'node-http',
    'node-net',
    'fetch',
    'freechat-http2',
    'undici-http2',
    'node-http2',
  ],
  upstream: 'emulator',
  step: (params) => ({
    size: params.chunks * params.chunkSize,
    chunkSize: params.chunkSize,
    delayMs: params.delayMs,
  }),
  replySize: (params) => params.chunks * params.chunkSize,
  async workload(client, params, check) {
    const startRss = process.memoryUsage.rss();
    let sampledPeak = startRss;
    let peakHeap = 0;
    let peakExternal = 0;
    let peakNewSpace = 0;
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      sampledPeak = Math.max(sampledPeak, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
      peakExternal = Math.max(peakExternal, usage.external);
      peakNewSpace = Math.max(peakNewSpace, newSpaceSize());
    }, SAMPLE_INTERVAL_MS);
    try {
      const task = () => client.complete();
      const wrongAnswers = await runRamped(params.streams, params.startsPerSecond, task, check);
      const kernelPeak = process.resourceUsage().maxRSS * 1024;
      return {
        metrics: {
          peakRssMB: Math.max(sampledPeak, kernelPeak) / 1e6,
          startRssMB: startRss / 1e6,
          peakHeapMB: peakHeap / 1e6,
          peakExternalMB: peakExternal / 1e6,
          peakNewSpaceMB: peakNewSpace / 1e6,
        },
        wrongAnswers,
      };
    } finally {
      clearInterval(sampler);
    }
  },
};

/** The bytes of physical memory V8's young generation (its semi-spaces) holds right now. */
function newSpaceSize(): number {
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return newSpace?.physical_space_size ?? 0;
}
