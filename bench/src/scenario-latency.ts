import type { ClientScenario } from './bench-scenario.js';
import { cpuMillisecondsSince, now, percentile } from './request-timing.js';

/** Sizes of S1. */
export interface LatencyParams {
  requests: number;
  warmup: number;
  chunks: number;
  chunkSize: number;
}

/** S1: small replies one after another on one connection: requests/s, p50 and p99. */
export const latencyScenario: ClientScenario<LatencyParams> = {
  kind: 'client',
  id: 'S1',
  title: 'latency: sequential small replies',
  sizes: {
    full: { requests: 2000, warmup: 1000, chunks: 20, chunkSize: 16 },
    smoke: { requests: 40, warmup: 5, chunks: 20, chunkSize: 16 },
  },
  metrics: [
    { key: 'requestsPerSecond', unit: 'req/s', better: 'higher' },
    { key: 'p50Ms', unit: 'ms p50', better: 'lower' },
    { key: 'p99Ms', unit: 'ms p99', better: 'lower' },
    { key: 'cpuMs', unit: 'ms client CPU', better: 'lower' },
  ],
  baseline: 'undici',
  rounds: 2,
  targets: [
    {
      metric: 'requestsPerSecond',
      client: 'freechat',
      reference: 'undici',
      ratio: 0.9,
      comparison: 'at-least',
    },
  ],
  clients: ['freechat', 'undici', 'fetch'],
  upstream: 'emulator',
  step: (params) => ({ size: params.chunks * params.chunkSize, chunkSize: params.chunkSize }),
  replySize: (params) => params.chunks * params.chunkSize,
  async workload(client, params, check) {
    let wrongAnswers = 0;
    for (let index = 0; index < params.warmup; index++) {
      if (!check(await client.complete())) wrongAnswers++;
    }
    const durations: number[] = [];
    const cpu = process.cpuUsage();
    const start = now();
    for (let index = 0; index < params.requests; index++) {
      const sent = now();
      const text = await client.complete();
      durations.push(now() - sent);
      if (!check(text)) wrongAnswers++;
    }
    const elapsed = now() - start;
    const cpuMs = cpuMillisecondsSince(cpu);
    durations.sort((a, b) => a - b);
    return {
      metrics: {
        requestsPerSecond: (params.requests / elapsed) * 1000,
        p50Ms: percentile(durations, 0.5),
        p99Ms: percentile(durations, 0.99),
        cpuMs,
      },
      wrongAnswers,
    };
  },
};
