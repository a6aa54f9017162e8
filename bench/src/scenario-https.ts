import type { ClientScenario } from './bench-scenario.js';
import { cpuMillisecondsSince, now } from './request-timing.js';

/** Sizes of S4. */
export interface HttpsParams {
  requests: number;
  warmup: number;
  chunks: number;
  chunkSize: number;
}

/**
 * S4: small replies one after another over TLS (the emulator behind a local TLS-terminating proxy with
 * a self-signed certificate the clients trust): pooled keep-alive connections against a new connection,
 * so a full TLS handshake, per request.
 */
export const httpsScenario: ClientScenario<HttpsParams> = {
  kind: 'client',
  id: 'S4',
  title: 'HTTPS: sequential small replies, pooled vs new connection',
  sizes: {
    full: { requests: 500, warmup: 100, chunks: 20, chunkSize: 16 },
    smoke: { requests: 10, warmup: 2, chunks: 20, chunkSize: 16 },
  },
  metrics: [
    { key: 'requestsPerSecond', unit: 'req/s', better: 'higher' },
    { key: 'cpuMs', unit: 'ms client CPU', better: 'lower' },
  ],
  baseline: 'undici',
  rounds: 1,
  targets: [
    {
      metric: 'requestsPerSecond',
      client: 'freechat',
      reference: 'new-connection',
      ratio: 3.5,
      comparison: 'at-least',
    },
  ],
  clients: ['freechat', 'undici', 'fetch', 'new-connection'],
  upstream: 'tls-proxy',
  step: (params) => ({ size: params.chunks * params.chunkSize, chunkSize: params.chunkSize }),
  replySize: (params) => params.chunks * params.chunkSize,
  async workload(client, params, check) {
    let wrongAnswers = 0;
    for (let index = 0; index < params.warmup; index++) {
      if (!check(await client.complete())) wrongAnswers++;
    }
    const cpu = process.cpuUsage();
    const start = now();
    for (let index = 0; index < params.requests; index++) {
      if (!check(await client.complete())) wrongAnswers++;
    }
    const elapsed = now() - start;
    const cpuMs = cpuMillisecondsSince(cpu);
    return {
      metrics: { requestsPerSecond: (params.requests / elapsed) * 1000, cpuMs },
      wrongAnswers,
    };
  },
};
