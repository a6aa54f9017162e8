import { asciiCompletion } from './ascii-completion.js';
import { type ClientResult, type ScenarioResult, scenarioResult } from './bench-report.js';
import type { ScenarioInfo } from './bench-scenario.js';
import { askChild } from './child-process.js';
import type { BenchMode } from './client-job.js';
import type { EmulatorHandle } from './emulator-handle.js';
import {
  type GatewayHandle,
  type GatewayKind,
  pythonAnchorMissing,
  startGateway,
} from './gateway-handle.js';
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

/** The longest the load process may take. */
const LOAD_TIMEOUT_MS = 120_000;

/**
 * The gateways measured, freechat's server first, then the floor's ladder (each step adds one piece of
 * the server: Fastify, then freechat's provider); the Python one needs Debian's packages.
 */
const GATEWAYS: readonly GatewayKind[] = [
  'server',
  'floor',
  'floor-fastify',
  'floor-core',
  'g4f-python',
];

/** The modules the Python anchor imports (Debian: `python3-fastapi python3-uvicorn python3-aiohttp`). */
const PYTHON_MODULES = ['fastapi', 'uvicorn', 'aiohttp'] as const;

/**
 * S6: OpenAI-compatible gateways streaming a completion through to the emulator, each in its own
 * process under the same autocannon load (autocannon in a process of its own): freechat's server, the
 * floor (a minimal `node:http` + undici pass-through), the floor inside a Fastify route
 * (`floor-fastify`), that route on freechat's provider (`floor-core`), a g4f-style FastAPI gateway (a
 * new aiohttp session per request), and the emulator asked directly. The floor's ladder splits the
 * server's cost over the floor into Fastify, freechat's core and the server's own work. Per gateway:
 * requests/s, latency, and its own CPU per request from `/proc` (steadier than requests/s on a shared
 * machine), plus the emulator's CPU per request behind it. Every response body is checked.
 */
export const serverScenario: ScenarioInfo<ServerParams> = {
  id: 'S6',
  title: 'server: gateways streaming from the emulator',
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
    { key: 'cpuPerRequestUs', unit: 'µs gateway CPU/request', better: 'lower' },
    { key: 'requestsPerSecond', unit: 'req/s', better: 'higher' },
    { key: 'p50Ms', unit: 'ms p50', better: 'lower' },
    { key: 'p99Ms', unit: 'ms p99', better: 'lower' },
    { key: 'upstreamCpuPerRequestUs', unit: 'µs emulator CPU/request', better: 'lower' },
  ],
  baseline: 'floor',
  targets: [
    {
      metric: 'cpuPerRequestUs',
      client: 'server',
      reference: 'floor',
      ratio: 1.15,
      comparison: 'at-most',
    },
    {
      metric: 'requestsPerSecond',
      client: 'server',
      reference: 'g4f-python',
      ratio: 4,
      comparison: 'at-least',
    },
  ],
};

/** Runs S6: each gateway in its own process, autocannon in another, the emulator in its own. */
export async function runServerScenario(
  mode: BenchMode,
  emulator: EmulatorHandle,
): Promise<ScenarioResult> {
  const params = serverScenario.sizes[mode];
  const { header, text } = asciiCompletion(params.chunks, params.chunkSize);
  const load = {
    connections: params.connections,
    duration: params.durationSeconds,
    warmupSeconds: params.warmupSeconds,
    amount: params.amount,
  };
  const clients: ClientResult[] = [];
  const pythonMissing = pythonAnchorMissing(PYTHON_MODULES);
  for (const kind of GATEWAYS) {
    if (kind === 'g4f-python' && pythonMissing !== undefined) {
      clients.push({ client: kind, metrics: {}, wrongAnswers: 0, skipped: pythonMissing });
      continue;
    }
    let gateway: GatewayHandle | undefined;
    try {
      gateway = await startGateway(kind, emulator.url, header);
      clients.push(
        await measure(kind, {
          ...load,
          url: `${gateway.url}/v1/chat/completions`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'free2gpt', stream: true, messages: BENCH_MESSAGES }),
          expect: { format: 'openai-events', text },
          cpuPids: [gateway.pid, emulator.pid],
        }),
      );
    } catch (error) {
      clients.push({ client: kind, metrics: {}, wrongAnswers: 0, error: String(error) });
    } finally {
      await gateway?.stop();
    }
  }
  clients.push(
    await measure('emulator', {
      ...load,
      url: generateURL(`${emulator.url}/free2gpt`),
      headers: requestHeaders(header),
      body: signedRequestBody(),
      expect: { format: 'text', text },
      cpuPids: [emulator.pid],
    }),
  );
  return scenarioResult({
    id: serverScenario.id,
    title: serverScenario.title,
    params,
    metrics: serverScenario.metrics,
    baseline: serverScenario.baseline,
    targets: serverScenario.targets,
    clients,
  });
}

async function measure(client: string, job: LoadJob): Promise<ClientResult> {
  try {
    const reply = await askChild<LoadReply>('load-process.js', job, LOAD_TIMEOUT_MS);
    const perRequest = (cpuMs: number | undefined) =>
      cpuMs === undefined || reply.requests === 0 ? undefined : (cpuMs * 1000) / reply.requests;
    const metrics: Record<string, number> = {
      requestsPerSecond: reply.requestsPerSecond,
      p50Ms: reply.p50Ms,
      p99Ms: reply.p99Ms,
    };
    // The last pid is the emulator's; the first, when there are two, the gateway's.
    const gatewayCpu = job.cpuPids.length === 2 ? perRequest(reply.cpuMs[0]) : undefined;
    const upstreamCpu = perRequest(reply.cpuMs[reply.cpuMs.length - 1]);
    if (gatewayCpu !== undefined) metrics.cpuPerRequestUs = gatewayCpu;
    if (upstreamCpu !== undefined) metrics.upstreamCpuPerRequestUs = upstreamCpu;
    return { client, metrics, wrongAnswers: reply.failures };
  } catch (error) {
    return { client, metrics: {}, wrongAnswers: 0, error: String(error) };
  }
}
