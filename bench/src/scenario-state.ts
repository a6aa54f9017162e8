import { loadavg } from 'node:os';
import type { HealthStatus } from '@freechat/server';
import { type AsciiCompletion, asciiCompletion } from './ascii-completion.js';
import { type ClientResult, type ScenarioResult, scenarioResult } from './bench-report.js';
import type { ScenarioInfo } from './bench-scenario.js';
import { askChild } from './child-process.js';
import type { BenchMode } from './client-job.js';
import type { EmulatorHandle } from './emulator-handle.js';
import { type GatewayHandle, startGateway } from './gateway-handle.js';
import type { ServerSettings } from './gateway-process.js';
import type { LoadJob, LoadReply } from './load-job.js';
import {
  type CommandStat,
  type RedisHandle,
  redisServerMissing,
  startRedisServer,
} from './redis-handle.js';
import { percentile } from './request-timing.js';
import type { SequentialJob, SequentialReply } from './sequential-job.js';
import { BENCH_MESSAGES } from './signed-request.js';

/** Sizes of S8. */
export interface StateParams {
  /** autocannon's connections, warm-up and measured seconds (or a number of requests: smoke runs). */
  connections: number;
  /**
   * Requests per second over all connections, the same for every gateway: CPU per request falls as
   * a server's load rises (more events per turn of its loop, more bytes per system call), so
   * gateways pushed as fast as each answers would be compared at the rates the machine let each
   * reach; this rate is below what each sustains on a loaded 2-core machine.
   */
  requestsPerSecond: number;
  durationSeconds: number;
  warmupSeconds: number;
  amount: number | undefined;
  /** The streamed reply: this many chunks of this many ASCII bytes. */
  chunks: number;
  chunkSize: number;
  /** Requests of the sequential latency probe, timed after `sequentialWarmup` untimed ones. */
  sequentialRequests: number;
  sequentialWarmup: number;
}

/** The server's four settings S8 compares: the state in process or in Redis, the key limited or not. */
type StateGatewayName = 'memory' | 'memory-limits' | 'redis' | 'redis-limits';

interface StateGateway {
  name: StateGatewayName;
  redis: boolean;
  limits: boolean;
  /** The gateway its added latency is measured against: the same key, its state in process. */
  anchor: StateGatewayName;
}

const GATEWAYS: readonly StateGateway[] = [
  { name: 'memory', redis: false, limits: false, anchor: 'memory' },
  { name: 'memory-limits', redis: false, limits: true, anchor: 'memory-limits' },
  { name: 'redis', redis: true, limits: false, anchor: 'memory' },
  { name: 'redis-limits', redis: true, limits: true, anchor: 'memory-limits' },
];

/** The bearer token every request of S8 carries. */
const API_KEY = 'sk-bench-state';

/**
 * Limits set on every one of the three (requests a minute, requests at once, tokens a day), each far
 * above what a run asks, so that every request goes through every check and none is refused.
 */
const NEVER_REFUSING_LIMITS = {
  requestsPerMinute: 1_000_000_000,
  concurrentRequests: 1_000_000,
  tokensPerDay: 1_000_000_000_000,
} as const;

/** The header an admitted request of a limited key carries. */
const LIMIT_HEADER = 'x-ratelimit-limit-requests';

/** The longest a load or latency process may take. */
const CHILD_TIMEOUT_MS = 120_000;

/**
 * S8: the cost of shared state and per-key limits in freechat's server, streaming S6's completion
 * from the emulator under autocannon at a steady rate (32 connections, 400 requests a second). Four settings of the server, each in a fresh
 * process per round: its state in process (`memory`) or in a real redis-server on a free loopback
 * port (`redis`), its one API key a plain string or an object with every limit set too high to
 * refuse (`-limits`). A request of a plain key costs Redis nothing (cooldowns are read in process);
 * one of a limited key costs its admission script, its tokens' script and giving its slot back.
 * Per setting: the server's CPU per request from `/proc` under load, req/s and p99 under load, p50
 * and p99 of requests sent one at a time (microsecond resolution) and what Redis adds to that p99,
 * and redis-server's own CPU, commands and scripts per request, and the share of the requests it
 * admitted (a Redis call over the server's 100 ms bound sends it to its own state for a while). Rounds
 * rotate the order; each figure is the median of the rounds. Without Debian's redis-server the Redis
 * rows are skipped.
 */
export const stateScenario: ScenarioInfo<StateParams> = {
  id: 'S8',
  title: 'state: Redis and per-key limits in the server',
  sizes: {
    full: {
      connections: 32,
      requestsPerSecond: 400,
      durationSeconds: 6,
      warmupSeconds: 1,
      amount: undefined,
      chunks: 20,
      chunkSize: 16,
      sequentialRequests: 2_000,
      sequentialWarmup: 200,
    },
    smoke: {
      connections: 4,
      requestsPerSecond: 200,
      durationSeconds: 1,
      warmupSeconds: 0,
      amount: 40,
      chunks: 20,
      chunkSize: 16,
      sequentialRequests: 20,
      sequentialWarmup: 5,
    },
  },
  metrics: [
    { key: 'cpuPerRequestUs', unit: 'µs server CPU/request', better: 'lower' },
    {
      key: 'cpuSpreadPercent',
      unit: '% spread of server CPU/request over the rounds',
      better: 'lower',
    },
    { key: 'requestsPerSecond', unit: 'req/s (asked: a steady rate)', better: 'higher' },
    { key: 'p99Ms', unit: 'ms p99 under load', better: 'lower' },
    { key: 'sequentialP50Ms', unit: 'ms p50, one request at a time', better: 'lower' },
    { key: 'sequentialP99Ms', unit: 'ms p99, one request at a time', better: 'lower' },
    {
      key: 'addedP99Ms',
      unit: 'ms Redis adds to p99, one request at a time',
      better: 'lower',
    },
    { key: 'redisCpuPerRequestUs', unit: 'µs redis-server CPU/request', better: 'lower' },
    {
      key: 'redisCommandsPerRequest',
      unit: 'Redis commands/request (those of scripts too)',
      better: 'lower',
    },
    { key: 'redisScriptsPerRequest', unit: 'Redis scripts/request', better: 'lower' },
    { key: 'redisScriptUsPerRequest', unit: 'µs in Redis scripts/request', better: 'lower' },
    {
      key: 'admittedInRedisPercent',
      unit: '% of requests admitted in Redis, under load',
      better: 'higher',
    },
    {
      key: 'sequentialAdmittedInRedisPercent',
      unit: '% of requests admitted in Redis, one at a time',
      better: 'higher',
    },
  ],
  baseline: 'memory',
  rounds: 5,
  targets: [
    {
      metric: 'cpuPerRequestUs',
      client: 'redis-limits',
      reference: 'memory-limits',
      ratio: 1.15,
      comparison: 'at-most',
    },
    {
      metric: 'cpuPerRequestUs',
      client: 'redis',
      reference: 'memory',
      ratio: 1.15,
      comparison: 'at-most',
    },
    {
      metric: 'addedP99Ms',
      client: 'redis-limits',
      ratio: 1,
      comparison: 'at-most',
    },
    {
      metric: 'cpuPerRequestUs',
      client: 'memory-limits',
      reference: 'memory',
      ratio: 1.05,
      comparison: 'at-most',
    },
  ],
};

/** Runs S8: each setting of the server in its own process, autocannon and the probe in others. */
export async function runStateScenario(
  mode: BenchMode,
  emulator: EmulatorHandle,
): Promise<ScenarioResult> {
  const params = stateScenario.sizes[mode];
  const loadAtStart = loadavg()[0]!;
  const completion = asciiCompletion(params.chunks, params.chunkSize);
  const redisMissing = redisServerMissing();
  let redis: RedisHandle | undefined;
  let redisFailure: string | undefined;
  if (redisMissing === undefined) {
    try {
      redis = await startRedisServer();
    } catch (error) {
      redisFailure = String(error);
    }
  }
  const gateways = GATEWAYS.filter((gateway) => !gateway.redis || redis !== undefined);
  const rounds = mode === 'full' ? (stateScenario.rounds ?? 1) : 1;
  const runs = new Map<StateGatewayName, ClientResult[]>();
  const record = (result: ClientResult) =>
    runs.set(result.client as StateGatewayName, [
      ...(runs.get(result.client as StateGatewayName) ?? []),
      result,
    ]);
  const context = { params, emulator, completion, redis };
  try {
    for (let round = 0; round < rounds; round++) {
      const order = gateways.map((_, index) => gateways[(index + round) % gateways.length]!);
      for (const gateway of order) record(await measureLoad(gateway, context));
      for (const result of await measureLatency(order, context)) record(result);
    }
  } finally {
    await redis?.stop();
  }
  const clients = GATEWAYS.map((gateway): ClientResult => {
    const gatewayRuns = runs.get(gateway.name);
    if (gatewayRuns !== undefined) return medianRun(gateway.name, gatewayRuns);
    // Only Redis rows lack runs: redis-server is missing (skipped) or did not start (an error).
    return redisFailure === undefined
      ? { client: gateway.name, metrics: {}, wrongAnswers: 0, skipped: redisMissing }
      : { client: gateway.name, metrics: {}, wrongAnswers: 0, error: redisFailure };
  });
  addLatencyOverAnchors(clients);
  return scenarioResult({
    id: stateScenario.id,
    title: stateScenario.title,
    params: { ...params, rounds, loadAverage1m: { start: loadAtStart, end: loadavg()[0]! } },
    metrics: stateScenario.metrics,
    baseline: stateScenario.baseline,
    targets: stateScenario.targets,
    clients,
  });
}

/** What every measurement of a run shares. */
interface StateContext {
  params: StateParams;
  emulator: EmulatorHandle;
  completion: AsciiCompletion;
  /** The redis-server, when there is one. */
  redis: RedisHandle | undefined;
}

/** A server of one gateway's settings, in its own process, with what a request to it sends. */
interface StateServer {
  gateway: StateGateway;
  handle: GatewayHandle;
  url: string;
  headers: Record<string, string>;
}

/** The body every request of S8 posts: S6's streamed completion. */
const REQUEST_BODY = JSON.stringify({ model: 'free2gpt', stream: true, messages: BENCH_MESSAGES });

/**
 * Starts a server with the gateway's settings: its key, and Redis when it keeps its state there (it
 * must then find Redis up: else it runs on its own state and its figures would not be Redis's).
 */
async function startStateServer(
  gateway: StateGateway,
  context: StateContext,
): Promise<StateServer> {
  const apiKey = gateway.limits
    ? { key: API_KEY, name: 'bench', ...NEVER_REFUSING_LIMITS }
    : API_KEY;
  const settings: ServerSettings = { apiKey };
  if (gateway.redis) settings.redis = context.redis!.url;
  const handle = await startGateway('server', context.emulator.url, context.completion.header, [
    JSON.stringify(settings),
  ]);
  const server = {
    gateway,
    handle,
    url: `${handle.url}/v1/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
  };
  try {
    if (gateway.redis) await expectRedisUp(handle.url);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return server;
}

/**
 * One round of one gateway under autocannon, in a fresh server process: a warm-up, then the measured
 * load, with the server's and redis-server's CPU and Redis's command counts around it; for a limited
 * key in Redis, the share of its requests admitted in Redis (the others, if any, were admitted on the
 * server's own state while Redis was down for it).
 */
async function measureLoad(gateway: StateGateway, context: StateContext): Promise<ClientResult> {
  const { params, redis } = context;
  let server: StateServer | undefined;
  try {
    server = await startStateServer(gateway, context);
    const load: LoadJob = {
      url: server.url,
      headers: server.headers,
      body: REQUEST_BODY,
      connections: params.connections,
      overallRate: params.requestsPerSecond,
      duration: params.durationSeconds,
      warmupSeconds: 0,
      amount: params.amount,
      expect: { format: 'openai-events', text: context.completion.text },
      cpuPids: [server.handle.pid, ...(redis === undefined ? [] : [redis.pid])],
    };
    let wrongAnswers = 0;
    if (params.warmupSeconds > 0) {
      const warmUp = { ...load, duration: params.warmupSeconds, amount: undefined, cpuPids: [] };
      wrongAnswers += (await askChild<LoadReply>('load-process.js', warmUp, CHILD_TIMEOUT_MS))
        .failures;
    }
    const before = await redis?.commandStats();
    const reply = await askChild<LoadReply>('load-process.js', load, CHILD_TIMEOUT_MS);
    const after = await redis?.commandStats();
    wrongAnswers += reply.failures;
    const perRequest = (total: number | undefined, scale = 1) =>
      total === undefined || reply.requests === 0 ? undefined : (total * scale) / reply.requests;
    const metrics: Record<string, number | undefined> = {
      cpuPerRequestUs: perRequest(reply.cpuMs[0], 1000),
      requestsPerSecond: reply.requestsPerSecond,
      p99Ms: reply.p99Ms,
    };
    if (gateway.redis && before !== undefined && after !== undefined) {
      const used = (names: readonly string[]) => commandsUsed(before, after, names);
      const scripts = used(SCRIPT_COMMANDS);
      if (gateway.limits) {
        metrics.admittedInRedisPercent = perRequest(used([ADMISSION_COMMAND]).calls, 100);
      }
      metrics.redisCpuPerRequestUs = perRequest(reply.cpuMs[1], 1000);
      metrics.redisCommandsPerRequest = perRequest(used([...after.keys()]).calls);
      metrics.redisScriptsPerRequest = perRequest(scripts.calls);
      metrics.redisScriptUsPerRequest = perRequest(scripts.microseconds);
    }
    return { client: gateway.name, metrics: definedMetrics(metrics), wrongAnswers };
  } catch (error) {
    return { client: gateway.name, metrics: {}, wrongAnswers: 0, error: String(error) };
  } finally {
    await server?.handle.stop();
  }
}

/**
 * One round of the sequential probe: a server of each gateway at once, each asked in turn one
 * request at a time, so that a busy moment of the machine weighs on all of them alike.
 */
async function measureLatency(
  gateways: readonly StateGateway[],
  context: StateContext,
): Promise<ClientResult[]> {
  const servers: StateServer[] = [];
  try {
    for (const gateway of gateways) servers.push(await startStateServer(gateway, context));
    const job: SequentialJob = {
      targets: servers.map((server) => ({
        url: server.url,
        headers: server.headers,
        requiredHeader: server.gateway.limits ? LIMIT_HEADER : undefined,
      })),
      body: REQUEST_BODY,
      count: context.params.sequentialRequests,
      warmup: context.params.sequentialWarmup,
      text: context.completion.text,
    };
    const before = await context.redis?.commandStats();
    const reply = await askChild<SequentialReply>('sequential-process.js', job, CHILD_TIMEOUT_MS);
    const after = await context.redis?.commandStats();
    // One gateway alone admits in Redis (redis-limits): every admission counted is its own.
    const admitted =
      before === undefined || after === undefined
        ? undefined
        : (commandsUsed(before, after, [ADMISSION_COMMAND]).calls * 100) / (job.count + job.warmup);
    return reply.timings.map((timing, index) => {
      const gateway = servers[index]!.gateway;
      const metrics: Record<string, number> = {
        sequentialP50Ms: timing.p50Ms,
        sequentialP99Ms: timing.p99Ms,
      };
      if (gateway.redis && gateway.limits && admitted !== undefined) {
        metrics.sequentialAdmittedInRedisPercent = admitted;
      }
      return { client: gateway.name, metrics, wrongAnswers: timing.failures };
    });
  } catch (error) {
    return gateways.map((gateway) => ({
      client: gateway.name,
      metrics: {},
      wrongAnswers: 0,
      error: String(error),
    }));
  } finally {
    await Promise.all(servers.map((server) => server.handle.stop()));
  }
}

/** The commands that run a script: the admission, and the tokens spent. */
const SCRIPT_COMMANDS = ['evalsha', 'eval'] as const;

/**
 * A command that the admission script runs once per request of a key with `concurrentRequests`, and
 * nothing else runs: its count is the requests admitted in Redis. The others were admitted on the
 * server's own state, while Redis was down for it (a call over its 100 ms bound, until a `PING` a
 * quarter-second later answers).
 */
const ADMISSION_COMMAND = 'zremrangebyscore';

/** Calls of the named commands between two `INFO commandstats`, and the microseconds spent in them. */
function commandsUsed(
  before: ReadonlyMap<string, CommandStat>,
  after: ReadonlyMap<string, CommandStat>,
  names: readonly string[],
): CommandStat {
  let calls = 0;
  let microseconds = 0;
  for (const name of names) {
    // INFO itself is how the counts are read, not what the server asked.
    if (name === 'info') continue;
    calls += (after.get(name)?.calls ?? 0) - (before.get(name)?.calls ?? 0);
    microseconds += (after.get(name)?.microseconds ?? 0) - (before.get(name)?.microseconds ?? 0);
  }
  return { calls, microseconds };
}

/**
 * Waits until the server's `/healthz` says its state is in Redis and Redis answers; throws after 10 s.
 * On a loaded machine the first connection may take longer than `listen()` waits for it.
 */
async function expectRedisUp(serverURL: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(`${serverURL}/healthz`);
    const health = (await response.json()) as HealthStatus;
    if (health.state.backend === 'redis' && health.state.up) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the server's state was not up in Redis 10 s after it listened: ${JSON.stringify(health)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function definedMetrics(metrics: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(metrics).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
}

/**
 * One gateway's results (a load run and a latency run per round) as one: each figure the median of
 * the rounds that have it, the spread of its CPU per request ((max − min) / median), the wrong answers
 * of every run, the first error.
 */
function medianRun(client: string, runs: readonly ClientResult[]): ClientResult {
  const wrongAnswers = runs.reduce((sum, run) => sum + run.wrongAnswers, 0);
  const error = runs.find((run) => run.error !== undefined)?.error;
  const keys = new Set(runs.flatMap((run) => Object.keys(run.metrics)));
  const metrics: Record<string, number> = {};
  for (const key of keys) {
    const values = runs.flatMap((run) => run.metrics[key] ?? []).sort((a, b) => a - b);
    metrics[key] = median(values);
  }
  const cpu = runs.flatMap((run) => run.metrics.cpuPerRequestUs ?? []).sort((a, b) => a - b);
  if (cpu.length > 1) {
    metrics.cpuSpreadPercent = ((cpu[cpu.length - 1]! - cpu[0]!) / median(cpu)) * 100;
  }
  return { client, metrics, wrongAnswers, ...(error === undefined ? {} : { error }) };
}

/** The middle of sorted values (the mean of the two middle ones for an even count). */
function median(sorted: readonly number[]): number {
  const middle = sorted.length / 2;
  return Number.isInteger(middle)
    ? (sorted[middle - 1]! + sorted[middle]!) / 2
    : percentile(sorted, 0.5);
}

/** Sets each Redis gateway's `addedP99Ms`: its sequential p99 over its in-process anchor's. */
function addLatencyOverAnchors(clients: ClientResult[]): void {
  for (const gateway of GATEWAYS.filter((gateway) => gateway.redis)) {
    const own = clients.find((client) => client.client === gateway.name)?.metrics;
    const anchor = clients.find((client) => client.client === gateway.anchor)?.metrics;
    if (own?.sequentialP99Ms === undefined || anchor?.sequentialP99Ms === undefined) continue;
    own.addedP99Ms = own.sequentialP99Ms - anchor.sequentialP99Ms;
  }
}
