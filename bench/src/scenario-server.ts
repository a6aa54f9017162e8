import { once } from 'node:events';
import { emulatedReplyText, scenarioHeaderValue } from '@freechat/emulator';
import { type ClientResult, type ScenarioResult, scenarioResult } from './bench-report.js';
import type { ScenarioInfo } from './bench-scenario.js';
import { askChild, forkBenchModule } from './child-process.js';
import type { BenchMode } from './client-job.js';
import type { EmulatorHandle } from './emulator-handle.js';
import type { LoadJob, LoadReply } from './load-job.js';
import {
  BENCH_MESSAGES,
  generateURL,
  requestHeaders,
  signedRequestBody,
} from './signed-request.js';

/** Sizes of S6. */
export interface ServerParams {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** A number of requests instead of a duration (smoke runs). */
  amount: number | undefined;
  chunks: number;
  chunkSize: number;
}

/**
 * ASCII only: autocannon decodes each network chunk of a body on its own, so a multi-byte character
 * split across chunks would not compare equal however exact the server is.
 */
const LINE = 'The quick brown fox jumps over the lazy dog, 0123456789. ';

/** The longest the load process may take. */
const LOAD_TIMEOUT_MS = 120_000;

/**
 * S6: the OpenAI-compatible server streaming a completion through to the emulator, against the
 * emulator asked directly, under the same autocannon load: requests/s and the p99 latency the server
 * adds. Every response body is checked (the reply text, or the text carried by the server's events).
 */
export const serverScenario: ScenarioInfo<ServerParams> = {
  id: 'S6',
  title: 'server: OpenAI-compatible server vs the emulator directly',
  sizes: {
    full: {
      connections: 32,
      durationSeconds: 8,
      warmupSeconds: 2,
      amount: undefined,
      chunks: 20,
      chunkSize: 16,
    },
    smoke: {
      connections: 4,
      durationSeconds: 1,
      warmupSeconds: 0,
      amount: 40,
      chunks: 20,
      chunkSize: 16,
    },
  },
  metrics: [
    { key: 'requestsPerSecond', unit: 'req/s', better: 'higher' },
    { key: 'p50Ms', unit: 'ms p50', better: 'lower' },
    { key: 'p99Ms', unit: 'ms p99', better: 'lower' },
    { key: 'addedP99Ms', unit: 'ms p99 added', better: 'lower' },
  ],
  baseline: 'emulator',
  target: {
    metric: 'requestsPerSecond',
    client: 'server',
    reference: 'emulator',
    ratio: 0.8,
    comparison: 'at-least',
  },
};

/** Runs S6: the server in its own process, autocannon in another, the emulator in its own. */
export async function runServerScenario(
  mode: BenchMode,
  emulator: EmulatorHandle,
): Promise<ScenarioResult> {
  const params = serverScenario.sizes[mode];
  const size = params.chunks * params.chunkSize;
  const step = {
    text: LINE.repeat(Math.ceil(size / LINE.length)).slice(0, size),
    chunkSize: params.chunkSize,
  };
  const text = emulatedReplyText('free2gpt', BENCH_MESSAGES, step);
  const header = scenarioHeaderValue(step);
  const load = {
    connections: params.connections,
    duration: params.durationSeconds,
    warmupSeconds: params.warmupSeconds,
    amount: params.amount,
  };
  const clients: ClientResult[] = [];
  const direct = await measure('emulator', {
    ...load,
    url: generateURL(`${emulator.url}/free2gpt`),
    headers: requestHeaders(header),
    body: signedRequestBody(),
    expect: { format: 'text', text },
  });
  clients.push(direct);
  const server = forkBenchModule('server-process.js', [emulator.url, header]);
  try {
    const [{ url }] = (await once(server, 'message')) as [{ url: string }];
    const viaServer = await measure('server', {
      ...load,
      url: `${url}/v1/chat/completions`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'free2gpt', stream: true, messages: BENCH_MESSAGES }),
      expect: { format: 'openai-events', text },
    });
    const directP99 = direct.metrics.p99Ms;
    const serverP99 = viaServer.metrics.p99Ms;
    if (directP99 !== undefined && serverP99 !== undefined) {
      viaServer.metrics.addedP99Ms = serverP99 - directP99;
    }
    clients.push(viaServer);
  } finally {
    const exited = once(server, 'exit');
    server.send('close');
    await exited;
  }
  return scenarioResult({
    id: serverScenario.id,
    title: serverScenario.title,
    params,
    metrics: serverScenario.metrics,
    baseline: serverScenario.baseline,
    target: serverScenario.target,
    clients,
  });
}

async function measure(client: string, job: LoadJob): Promise<ClientResult> {
  try {
    const reply = await askChild<LoadReply>('load-process.js', job, LOAD_TIMEOUT_MS);
    return {
      client,
      metrics: {
        requestsPerSecond: reply.requestsPerSecond,
        p50Ms: reply.p50Ms,
        p99Ms: reply.p99Ms,
      },
      wrongAnswers: reply.failures,
    };
  } catch (error) {
    return { client, metrics: {}, wrongAnswers: 0, error: String(error) };
  }
}
