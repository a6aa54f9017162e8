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
import { betterRun, isBetterRun } from './run-client-scenario.js';
import { type RouteRequest, RouteTotals, SERVER_ROUTES } from './server-routes.js';
import { generateURL, requestHeaders, signedRequestBody } from './signed-request.js';

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

/** The load every gateway is put under. */
type GatewayLoad = Pick<LoadJob, 'connections' | 'duration' | 'warmupSeconds' | 'amount'>;

/** The longest the load process may take. */
const LOAD_TIMEOUT_MS = 120_000;

/**
 * The gateways measured, freechat's server first (on its two routes, see `measureServerRoutes`), then
 * the floor's ladder (each step adds one piece of the server: Fastify, then freechat's provider); the
 * Python one needs Debian's packages.
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
 * process under the same autocannon load (autocannon in a process of its own): freechat's server (on
 * chat completions, and in the same process on Anthropic's Messages route, the two taking turns: its
 * CPU per request against the first), the
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
  rounds: 3,
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
    {
      metric: 'cpuPerRequestUs',
      client: 'server-messages',
      reference: 'server',
      ratio: 1.05,
      comparison: 'at-most',
    },
  ],
};

/** The measured phases of each server route per round (they alternate, ABBA, through the run's time). */
const PHASES_PER_ROUTE = 4;

/** What autocannon posts to a gateway of the floor's ladder (or Python's): the streamed completion. */
function completionRequest(gatewayURL: string, text: string): RouteRequest {
  return SERVER_ROUTES[0]!.request(gatewayURL, text);
}

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
  const pythonMissing = pythonAnchorMissing(PYTHON_MODULES);
  const gateways = GATEWAYS.filter((kind) => kind !== 'g4f-python' || pythonMissing === undefined);
  const rounds = mode === 'full' ? (serverScenario.rounds ?? 1) : 1;
  const primary = serverScenario.metrics[0]!;
  /** The server's two routes, from its round with the least CPU per request on chat completions. */
  let server: ClientResult[] | undefined;
  const best = new Map<GatewayKind, ClientResult>();
  for (let round = 0; round < rounds; round++) {
    const order = gateways.map((_, index) => gateways[(index + round) % gateways.length]!);
    for (const kind of order) {
      if (kind === 'server') {
        const routes = await measureServerRoutes(emulator, header, load, text);
        const better = server === undefined || isBetterRun(routes[0]!, server[0]!, primary);
        server = better ? addWrongAnswers(routes, server) : addWrongAnswers(server!, routes);
        continue;
      }
      const result = await measureGateway(kind, emulator, header, load, text);
      best.set(kind, betterRun(best.get(kind), result, primary));
    }
  }
  const clients: ClientResult[] = [
    ...(server ?? []),
    ...GATEWAYS.filter((kind) => kind !== 'server').map(
      (kind) =>
        best.get(kind) ?? { client: kind, metrics: {}, wrongAnswers: 0, skipped: pythonMissing },
    ),
  ];
  clients.push(
    await measureLoad('emulator', {
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

/** `kept`, with the wrong answers and the first error of `other` (the same routes' other round) added. */
function addWrongAnswers(
  kept: readonly ClientResult[],
  other: readonly ClientResult[] | undefined,
): ClientResult[] {
  return kept.map((result, index) => {
    const dropped = other?.[index];
    if (dropped === undefined) return result;
    const error = result.error ?? dropped.error;
    return {
      ...result,
      wrongAnswers: result.wrongAnswers + dropped.wrongAnswers,
      ...(error ? { error } : {}),
    };
  });
}

/**
 * One run of the server in a fresh process on both its routes (`SERVER_ROUTES`), which take turns in
 * phases (chat, messages, messages, chat, …) so that both meet the same machine: a shared 2-core
 * machine's load moves more between two runs than the routes' costs differ. Each route's first phase
 * runs the warm-up first. Answers each route's row.
 */
async function measureServerRoutes(
  emulator: EmulatorHandle,
  header: string,
  load: GatewayLoad,
  text: string,
): Promise<ClientResult[]> {
  const routes = SERVER_ROUTES.map((route) => new RouteTotals(route.client));
  let gateway: GatewayHandle | undefined;
  try {
    gateway = await startGateway('server', emulator.url, header);
    const requests = SERVER_ROUTES.map((route) => route.request(gateway!.url, text));
    const phases = load.amount === undefined ? PHASES_PER_ROUTE : 1;
    const duration = load.duration / phases;
    for (let phase = 0; phase < phases; phase++) {
      const order = phase % 2 === 0 ? [0, 1] : [1, 0];
      for (const index of order) {
        const job: LoadJob = {
          ...load,
          ...requests[index]!,
          duration,
          warmupSeconds: phase === 0 ? load.warmupSeconds : 0,
          cpuPids: [gateway.pid, emulator.pid],
        };
        try {
          routes[index]!.add(await askChild<LoadReply>('load-process.js', job, LOAD_TIMEOUT_MS));
        } catch (error) {
          routes[index]!.fail(String(error));
        }
      }
    }
  } catch (error) {
    for (const route of routes) route.fail(String(error));
  } finally {
    await gateway?.stop();
  }
  return routes.map((route) => route.result());
}

/** One run of one gateway in a fresh process, under the load; a failure is recorded as its error. */
async function measureGateway(
  kind: GatewayKind,
  emulator: EmulatorHandle,
  header: string,
  load: GatewayLoad,
  text: string,
): Promise<ClientResult> {
  let gateway: GatewayHandle | undefined;
  try {
    gateway = await startGateway(kind, emulator.url, header);
    return await measureLoad(kind, {
      ...load,
      ...completionRequest(gateway.url, text),
      cpuPids: [gateway.pid, emulator.pid],
    });
  } catch (error) {
    return { client: kind, metrics: {}, wrongAnswers: 0, error: String(error) };
  } finally {
    await gateway?.stop();
  }
}

/**
 * Runs one load job in the load process and reports it as `client`'s figures: requests/s, latency,
 * and, per request, the CPU of the job's processes (the first of two is the gateway's, the last the
 * emulator's). A failed run is the client's crash.
 */
export async function measureLoad(client: string, job: LoadJob): Promise<ClientResult> {
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
