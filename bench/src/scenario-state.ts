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

/** The four rows S8 compares: the server's state in process or in Redis, the key limited or not. */
type StateRowName = 'memory' | 'memory-limits' | 'redis' | 'redis-limits';

interface StateRow {
  name: StateRowName;
  /** Whether the server keeps its state in Redis. */
  redis: boolean;
  /** Whether the request's key has limits. */
  limits: boolean;
  /** The row its added latency is measured against: the same key, its state in process. */
  anchor: StateRowName;
  /** The row its CPU per request is held against, in the same round (`cpuOverAnchor`). */
  cpuAnchor?: StateRowName;
}

const ROWS: readonly StateRow[] = [
  { name: 'memory', redis: false, limits: false, anchor: 'memory' },
  {
    name: 'memory-limits',
    redis: false,
    limits: true,
    anchor: 'memory-limits',
    cpuAnchor: 'memory',
  },
  { name: 'redis', redis: true, limits: false, anchor: 'memory', cpuAnchor: 'memory' },
  {
    name: 'redis-limits',
    redis: true,
    limits: true,
    anchor: 'memory-limits',
    cpuAnchor: 'memory-limits',
  },
];

/** The bearer token of the rows whose key is plain. */
const PLAIN_KEY = 'sk-bench-plain';
/** The bearer token of the rows whose key has limits. */
const LIMITED_KEY = 'sk-bench-limited';

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
 * from the emulator under autocannon at a steady rate (32 connections, 400 requests a second). Each
 * round starts two servers, each in a fresh process, both up at once: one keeps its state in process
 * (`memory`), one in a real redis-server on a free loopback port (`redis`). Each has two API keys, a
 * plain string and an object with every limit set too high to refuse (`-limits`). The four rows (a
 * server and a key) are warmed up (5 s each at the steady rate: a fresh server's CPU per request
 * falls from ~2× to its level over its first ~15 s of this load, as its code is optimised), then
 * loaded in turn, so that limits on and off are compared in one process, and Redis and memory in
 * one moment of the machine; each row's CPU per request is also held against its anchor's of the
 * same round (`cpuOverAnchor`, the targets' figure). A request of a plain key costs Redis nothing
 * (cooldowns are read in process); one of a limited key costs its admission script, its tokens'
 * script and giving its slot back. Per row: the server's CPU per request from `/proc` under load,
 * req/s and p99 under load, p50 and p99 of requests sent one at a time (microsecond resolution) and
 * what Redis adds to that p99, and redis-server's own CPU, commands and scripts per request, and the
 * share of the requests it admitted (a Redis call over the server's 100 ms bound sends it to its own
 * state for a while). Rounds rotate the order; each figure is the median of the rounds. Without
 * Debian's redis-server the Redis rows are skipped.
 */
export const stateScenario: ScenarioInfo<StateParams> = {
  id: 'S8',
  title: 'state: Redis and per-key limits in the server',
  sizes: {
    full: {
      connections: 32,
      requestsPerSecond: 400,
      durationSeconds: 6,
      warmupSeconds: 5,
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
      key: 'cpuOverAnchor',
      unit: "× the anchor's server CPU/request in the same round",
      better: 'lower',
    },
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
  rounds: 7,
  // CPU per request against the anchor (`cpuAnchor`): the median of the rounds' paired ratios.
  targets: [
    { metric: 'cpuOverAnchor', client: 'redis-limits', ratio: 1.15, comparison: 'at-most' },
    { metric: 'cpuOverAnchor', client: 'redis', ratio: 1.15, comparison: 'at-most' },
    {
      metric: 'addedP99Ms',
      client: 'redis-limits',
      ratio: 1,
      comparison: 'at-most',
    },
    { metric: 'cpuOverAnchor', client: 'memory-limits', ratio: 1.05, comparison: 'at-most' },
  ],
};

/** Runs S8: each server in its own process, autocannon and the probe in others. */
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
  const rows = ROWS.filter((row) => !row.redis || redis !== undefined);
  const rounds = mode === 'full' ? (stateScenario.rounds ?? 1) : 1;
  const runs = new Map<StateRowName, ClientResult[]>();
  const record = (result: ClientResult) =>
    runs.set(result.client as StateRowName, [
      ...(runs.get(result.client as StateRowName) ?? []),
      result,
    ]);
  const context = { params, emulator, completion, redis };
  try {
    for (let round = 0; round < rounds; round++) {
      // Which row goes first changes every round.
      const order = rows.map((_, index) => rows[(index + round) % rows.length]!);
      const results = await measureRound(order, context);
      for (const result of [...results, ...pairedRatios(results)]) record(result);
    }
  } finally {
    await redis?.stop();
  }
  const clients = ROWS.map((row): ClientResult => {
    const rowRuns = runs.get(row.name);
    if (rowRuns !== undefined) return medianRun(row.name, rowRuns);
    // Only Redis rows lack runs: redis-server is missing (skipped) or did not start (an error).
    return redisFailure === undefined
      ? { client: row.name, metrics: {}, wrongAnswers: 0, skipped: redisMissing }
      : { client: row.name, metrics: {}, wrongAnswers: 0, error: redisFailure };
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

/** A server with both keys, its state in process or in Redis, in its own process. */
interface StateServer {
  handle: GatewayHandle;
  /** Its chat completions URL. */
  url: string;
}

/** The headers of a row's requests: its key. */
function rowHeaders(row: StateRow): Record<string, string> {
  const key = row.limits ? LIMITED_KEY : PLAIN_KEY;
  return { 'content-type': 'application/json', authorization: `Bearer ${key}` };
}

/** The body every request of S8 posts: S6's streamed completion. */
const REQUEST_BODY = JSON.stringify({ model: 'free2gpt', stream: true, messages: BENCH_MESSAGES });

/**
 * Starts a server with both keys, its state in Redis when `inRedis` (it must then find Redis up:
 * else it runs on its own state and its figures would not be Redis's).
 */
async function startStateServer(inRedis: boolean, context: StateContext): Promise<StateServer> {
  const settings: ServerSettings = {
    apiKey: [PLAIN_KEY, { key: LIMITED_KEY, name: 'bench', ...NEVER_REFUSING_LIMITS }],
  };
  if (inRedis) settings.redis = context.redis!.url;
  const handle = await startGateway('server', context.emulator.url, context.completion.header, [
    JSON.stringify(settings),
  ]);
  try {
    if (inRedis) await expectRedisUp(handle.url);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  return { handle, url: `${handle.url}/v1/chat/completions` };
}

/**
 * One round: a fresh server of each backend the rows use, all up at once; every row's warm-up, then
 * every row under autocannon in `order` (so that none is measured on a JIT the others have not
 * warmed), then the sequential probe. A server that does not start is each row's error.
 */
async function measureRound(
  order: readonly StateRow[],
  context: StateContext,
): Promise<ClientResult[]> {
  const servers = new Map<boolean, StateServer>();
  try {
    for (const { redis: inRedis } of order) {
      if (!servers.has(inRedis)) servers.set(inRedis, await startStateServer(inRedis, context));
    }
    const warmUpFailures: number[] = [];
    for (const row of order) warmUpFailures.push(await warmUp(row, servers, context));
    const results: ClientResult[] = [];
    for (const [index, row] of order.entries()) {
      const result = await measureRowLoad(row, servers, context);
      results.push({ ...result, wrongAnswers: result.wrongAnswers + warmUpFailures[index]! });
    }
    results.push(...(await measureLatency(order, servers, context)));
    return results;
  } catch (error) {
    return rowErrors(order, error);
  } finally {
    await Promise.all([...servers.values()].map((server) => server.handle.stop()));
  }
}

/**
 * Each row's CPU per request over its anchor's in the same round (`cpuOverAnchor`): the two ran
 * minutes apart at most, one right after the other, which a ratio of medians over rounds is not.
 */
function pairedRatios(results: readonly ClientResult[]): ClientResult[] {
  const cpu = (name: string) =>
    results.find((result) => result.client === name)?.metrics.cpuPerRequestUs;
  return ROWS.flatMap((row) => {
    const own = cpu(row.name);
    const anchor = row.cpuAnchor === undefined ? undefined : cpu(row.cpuAnchor);
    if (own === undefined || anchor === undefined) return [];
    return [{ client: row.name, metrics: { cpuOverAnchor: own / anchor }, wrongAnswers: 0 }];
  });
}

/** The load of a row: its key, on its server, at the scenario's steady rate. */
function rowLoad(
  row: StateRow,
  servers: ReadonlyMap<boolean, StateServer>,
  context: StateContext,
): LoadJob {
  const { params, redis } = context;
  const server = servers.get(row.redis)!;
  return {
    url: server.url,
    headers: rowHeaders(row),
    body: REQUEST_BODY,
    connections: params.connections,
    overallRate: params.requestsPerSecond,
    duration: params.durationSeconds,
    warmupSeconds: 0,
    amount: params.amount,
    expect: { format: 'openai-events', text: context.completion.text },
    cpuPids: [server.handle.pid, ...(redis === undefined ? [] : [redis.pid])],
  };
}

/** A row's unmeasured warm-up (`warmupSeconds` of its load); resolves with its wrong answers. */
async function warmUp(
  row: StateRow,
  servers: ReadonlyMap<boolean, StateServer>,
  context: StateContext,
): Promise<number> {
  const seconds = context.params.warmupSeconds;
  if (seconds === 0) return 0;
  const load = { ...rowLoad(row, servers, context), duration: seconds, amount: undefined };
  const reply = await askChild<LoadReply>(
    'load-process.js',
    { ...load, cpuPids: [] },
    CHILD_TIMEOUT_MS,
  );
  return reply.failures;
}

/**
 * One row's measured load, with the server's and redis-server's CPU and Redis's command counts
 * around it; for a limited key in Redis, the share of its requests admitted in Redis (the others,
 * if any, were admitted on the server's own state while Redis was down for it).
 */
async function measureRowLoad(
  row: StateRow,
  servers: ReadonlyMap<boolean, StateServer>,
  context: StateContext,
): Promise<ClientResult> {
  const { redis } = context;
  try {
    const before = await redis?.commandStats();
    const reply = await askChild<LoadReply>(
      'load-process.js',
      rowLoad(row, servers, context),
      CHILD_TIMEOUT_MS,
    );
    const after = await redis?.commandStats();
    const perRequest = (total: number | undefined, scale = 1) =>
      total === undefined || reply.requests === 0 ? undefined : (total * scale) / reply.requests;
    const metrics: Record<string, number | undefined> = {
      cpuPerRequestUs: perRequest(reply.cpuMs[0], 1000),
      requestsPerSecond: reply.requestsPerSecond,
      p99Ms: reply.p99Ms,
    };
    if (row.redis && before !== undefined && after !== undefined) {
      const used = (names: readonly string[]) => commandsUsed(before, after, names);
      const scripts = used(SCRIPT_COMMANDS);
      if (row.limits) {
        metrics.admittedInRedisPercent = perRequest(used([ADMISSION_COMMAND]).calls, 100);
      }
      metrics.redisCpuPerRequestUs = perRequest(reply.cpuMs[1], 1000);
      metrics.redisCommandsPerRequest = perRequest(used([...after.keys()]).calls);
      metrics.redisScriptsPerRequest = perRequest(scripts.calls);
      metrics.redisScriptUsPerRequest = perRequest(scripts.microseconds);
    }
    return { client: row.name, metrics: definedMetrics(metrics), wrongAnswers: reply.failures };
  } catch (error) {
    return rowErrors([row], error)[0]!;
  }
}

/**
 * The sequential probe: every row (a server and a key) asked in turn one request at a time, so that
 * a busy moment of the machine weighs on all of them alike.
 */
async function measureLatency(
  rows: readonly StateRow[],
  servers: ReadonlyMap<boolean, StateServer>,
  context: StateContext,
): Promise<ClientResult[]> {
  try {
    const job: SequentialJob = {
      targets: rows.map((row) => ({
        url: servers.get(row.redis)!.url,
        headers: rowHeaders(row),
        requiredHeader: row.limits ? LIMIT_HEADER : undefined,
      })),
      body: REQUEST_BODY,
      count: context.params.sequentialRequests,
      warmup: context.params.sequentialWarmup,
      text: context.completion.text,
    };
    const before = await context.redis?.commandStats();
    const reply = await askChild<SequentialReply>('sequential-process.js', job, CHILD_TIMEOUT_MS);
    const after = await context.redis?.commandStats();
    // One row alone admits in Redis (redis-limits): every admission counted is its own.
    const admitted =
      before === undefined || after === undefined
        ? undefined
        : (commandsUsed(before, after, [ADMISSION_COMMAND]).calls * 100) / (job.count + job.warmup);
    return reply.timings.map((timing, index) => {
      const row = rows[index]!;
      const metrics: Record<string, number> = {
        sequentialP50Ms: timing.p50Ms,
        sequentialP99Ms: timing.p99Ms,
      };
      if (row.redis && row.limits && admitted !== undefined) {
        metrics.sequentialAdmittedInRedisPercent = admitted;
      }
      return { client: row.name, metrics, wrongAnswers: timing.failures };
    });
  } catch (error) {
    return rowErrors(rows, error);
  }
}

/** Each row's result when its server or its probe failed: the error. */
function rowErrors(rows: readonly StateRow[], error: unknown): ClientResult[] {
  return rows.map((row) => ({
    client: row.name,
    metrics: {},
    wrongAnswers: 0,
    error: String(error),
  }));
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
 * One row's results (a load run, a latency run and a paired ratio per round) as one: each figure the median of
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

/** Sets each Redis row's `addedP99Ms`: its sequential p99 over its in-process anchor's. */
function addLatencyOverAnchors(clients: ClientResult[]): void {
  for (const row of ROWS.filter((row) => row.redis)) {
    const own = clients.find((client) => client.client === row.name)?.metrics;
    const anchor = clients.find((client) => client.client === row.anchor)?.metrics;
    if (own?.sequentialP99Ms === undefined || anchor?.sequentialP99Ms === undefined) continue;
    own.addedP99Ms = own.sequentialP99Ms - anchor.sequentialP99Ms;
  }
}
