import type { ClientScenario } from './bench-scenario.js';
import { cpuMillisecondsSince, now } from './request-timing.js';

/** Sizes of S3. */
export interface ThroughputParams {
  replies: number;
  size: number;
  chunkSize: number;
}

/**
 * S3: big replies back to back, in small chunks: MB/s (10^6 bytes of the reply's UTF-8 per second) of
 * decoded text. Only the request and the decoding are timed; each reply is verified after its timing.
 * One untimed reply warms the code up first.
 */
export const throughputScenario: ClientScenario<ThroughputParams> = {
  kind: 'client',
  id: 'S3',
  title: 'throughput: 64 MiB replies in 4 KiB chunks',
  sizes: {
    full: { replies: 3, size: 64 * 1024 * 1024, chunkSize: 4096 },
    smoke: { replies: 3, size: 2 * 1024 * 1024 + 1, chunkSize: 4096 },
  },
  metrics: [
    { key: 'megabytesPerSecond', unit: 'MB/s', better: 'higher' },
    { key: 'cpuMs', unit: 'ms client CPU', better: 'lower' },
  ],
  baseline: 'undici',
  rounds: 2,
  targets: [
    {
      metric: 'megabytesPerSecond',
      client: 'freechat',
      reference: 'undici',
      ratio: 1.3,
      comparison: 'at-least',
    },
  ],
  clients: ['freechat', 'undici', 'fetch'],
  upstream: 'emulator',
  step: (params) => ({ size: params.size, chunkSize: params.chunkSize }),
  replySize: (params) => params.size,
  async workload(client, params, check) {
    let wrongAnswers = check(await client.complete()) ? 0 : 1;
    let elapsed = 0;
    let cpuMs = 0;
    for (let index = 0; index < params.replies; index++) {
      const cpu = process.cpuUsage();
      const start = now();
      const text = await client.complete();
      elapsed += now() - start;
      cpuMs += cpuMillisecondsSince(cpu);
      if (!check(text)) wrongAnswers++;
    }
    return {
      metrics: {
        megabytesPerSecond: (params.replies * params.size) / 1e6 / (elapsed / 1000),
        cpuMs,
      },
      wrongAnswers,
    };
  },
};
