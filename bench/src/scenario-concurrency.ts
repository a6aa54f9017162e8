import type { ClientScenario } from './bench-scenario.js';
import { cpuMillisecondsSince, now, runConcurrently } from './request-timing.js';

/** Sizes of S2. */
export interface ConcurrencyParams {
  requests: number;
  concurrency: number;
  warmup: number;
  chunks: number;
  chunkSize: number;
}

/** S2: many small replies with a fixed number in flight: requests/s and client CPU per request. */
export const concurrencyScenario: ClientScenario<ConcurrencyParams> = {
  kind: 'client',
  id: 'S2',
  title: 'concurrency: small replies, 64 in flight',
  sizes: {
    full: { requests: 5000, concurrency: 64, warmup: 1000, chunks: 20, chunkSize: 16 },
    smoke: { requests: 100, concurrency: 16, warmup: 16, chunks: 20, chunkSize: 16 },
  },
  metrics: [
    { key: 'requestsPerSecond', unit: 'req/s', better: 'higher' },
    { key: 'cpuPerRequestUs', unit: 'µs client CPU/request', better: 'lower' },
  ],
  baseline: 'undici',
  rounds: 2,
  targets: [
    {
      metric: 'cpuPerRequestUs',
      client: 'freechat',
      reference: 'undici',
      ratio: 1,
      comparison: 'at-most',
    },
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
    const task = () => client.complete();
    let wrongAnswers = await runConcurrently(params.warmup, params.concurrency, task, check);
    const cpu = process.cpuUsage();
    const start = now();
    wrongAnswers += await runConcurrently(params.requests, params.concurrency, task, check);
    const elapsed = now() - start;
    const cpuPerRequestUs = (cpuMillisecondsSince(cpu) * 1000) / params.requests;
    return {
      metrics: { requestsPerSecond: (params.requests / elapsed) * 1000, cpuPerRequestUs },
      wrongAnswers,
    };
  },
};
