import { buildToolPrompt } from '@freechat/core';
import { scenarioHeaderValue, toolCallText } from '@freechat/emulator';
import { BENCH_LINE } from './ascii-completion.js';
import { type ClientResult, type ScenarioResult, scenarioResult } from './bench-report.js';
import type { ScenarioInfo } from './bench-scenario.js';
import { askChild } from './child-process.js';
import type { BenchMode } from './client-job.js';
import type { EmulatorHandle } from './emulator-handle.js';
import type { FirstTextJob, FirstTextReply } from './first-text-job.js';
import { type GatewayHandle, startGateway } from './gateway-handle.js';
import type { ServerSettings } from './gateway-process.js';
import type { LoadJob } from './load-job.js';
import { measureLoad } from './scenario-server.js';
import { BENCH_MESSAGES } from './signed-request.js';

/** Sizes of S7. */
export interface ServerToolsParams {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** A number of requests instead of a duration (smoke runs). */
  amount: number | undefined;
  /** The reply's length in characters (the plain text, and the tool call's written JSON). */
  replySize: number;
  chunkSize: number;
  /** Untimed and timed requests of each body when timing the first text. */
  firstTextWarmup: number;
  firstTextSamples: number;
}

/** The one tool of the requests with tools. */
const LOOKUP_TOOL = {
  type: 'function',
  function: {
    name: 'lookup',
    description: 'Looks a query up.',
    parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
} as const;

/** The longest the first-text process may take. */
const FIRST_TEXT_TIMEOUT_MS = 300_000;

/**
 * S7: what tools cost freechat's server, each figure under the same load and gateway process as
 * S6's server (streamed chat completions from the emulator):
 *
 * - `plain`: a request without tools, the reply plain text (the anchor);
 * - `tool-call`: a request with one function tool, the reply a call of it (its written JSON as long
 *   as the plain text, in chunks of the same size), each body checked for the call;
 * - `tools-no-call`: the request with the tool, the reply the plain text (the parser reads it all);
 * - `plain-long`: a control, no anchor: a request without tools whose conversation is the one the
 *   tool request sends upstream (the tool instruction as its system message), the reply the plain
 *   text: what the longer prompt costs without the tool machinery.
 *
 * The tool-call row's CPU is held against both: `plain` (what a request with tools costs over one
 * without) and `tools-no-call` (the same request, only the reply differs). Then the first text of a
 * reply, sequentially and alternating: `plain` against `tools-no-call`, on one connection to one
 * server, at the median; `firstTextDelayMs` is what the tools add to it.
 */
export const serverToolsScenario: ScenarioInfo<ServerToolsParams> = {
  id: 'S7',
  title: 'server: tool calls through the prompt',
  sizes: {
    full: {
      connections: 32,
      durationSeconds: 8,
      warmupSeconds: 2,
      amount: undefined,
      replySize: 320,
      chunkSize: 16,
      firstTextWarmup: 200,
      firstTextSamples: 1000,
    },
    smoke: {
      connections: 4,
      durationSeconds: 1,
      warmupSeconds: 0,
      amount: 40,
      replySize: 320,
      chunkSize: 16,
      firstTextWarmup: 2,
      firstTextSamples: 10,
    },
  },
  metrics: [
    { key: 'cpuPerRequestUs', unit: 'µs server CPU/request', better: 'lower' },
    { key: 'requestsPerSecond', unit: 'req/s', better: 'higher' },
    { key: 'p50Ms', unit: 'ms p50', better: 'lower' },
    { key: 'firstTextMs', unit: 'ms to first text (sequential, p50)', better: 'lower' },
    { key: 'firstTextDelayMs', unit: 'ms first text added by tools (p50)', better: 'lower' },
  ],
  baseline: 'plain',
  rounds: 3,
  targets: [
    {
      metric: 'cpuPerRequestUs',
      client: 'tool-call',
      reference: 'plain',
      ratio: 1.2,
      comparison: 'at-most',
    },
    {
      metric: 'cpuPerRequestUs',
      client: 'tool-call',
      reference: 'tools-no-call',
      ratio: 1.2,
      comparison: 'at-most',
    },
    { metric: 'firstTextDelayMs', client: 'tools-no-call', ratio: 1, comparison: 'at-most' },
  ],
};

/** A tool call `lookup` whose written JSON (the reply) is exactly `size` characters long. */
function toolCallReply(size: number): { text: string; calls: string } {
  const written = (query: string) => toolCallText([{ name: 'lookup', arguments: { query } }]);
  const room = size - written('').length;
  const query = BENCH_LINE.repeat(Math.ceil(room / BENCH_LINE.length)).slice(0, room);
  return {
    text: written(query),
    calls: JSON.stringify([{ name: 'lookup', arguments: JSON.stringify({ query }) }]),
  };
}

/** The provider id of the S7 server's second provider, whose every reply is the tool call. */
const CALLING_PROVIDER = 'free2gpt-call';

/**
 * Runs S7: in each round one fresh server process with two providers (`free2gpt` answering the plain
 * text, `free2gpt-call` the tool call) and every row under autocannon in turn against it, so that
 * the rows compared share one process, one JIT and one moment of the machine; the order rotates every
 * round (the first row meets a fresh JIT), and each row keeps its round of least CPU per request
 * (wrong answers add up over the rounds); then, on a last server, the first-text timer.
 */
export async function runServerToolsScenario(
  mode: BenchMode,
  emulator: EmulatorHandle,
): Promise<ScenarioResult> {
  const params = serverToolsScenario.sizes[mode];
  const plainText = BENCH_LINE.repeat(Math.ceil(params.replySize / BENCH_LINE.length)).slice(
    0,
    params.replySize,
  );
  const toolCall = toolCallReply(params.replySize);
  const request = (model: string, fields: object) =>
    JSON.stringify({ model, stream: true, messages: BENCH_MESSAGES, ...fields });
  const withoutTools = request('free2gpt', {});
  const withTools = request('free2gpt', { tools: [LOOKUP_TOOL] });
  const plainEvents = { format: 'openai-events', text: plainText } as const;
  const rows: [client: string, body: string, expect: LoadJob['expect']][] = [
    ['plain', withoutTools, plainEvents],
    [
      'tool-call',
      request(CALLING_PROVIDER, { tools: [LOOKUP_TOOL] }),
      { format: 'openai-tool-calls', calls: toolCall.calls },
    ],
    ['tools-no-call', withTools, plainEvents],
    [
      'plain-long',
      request('free2gpt', {
        messages: buildToolPrompt({ messages: BENCH_MESSAGES, tools: [LOOKUP_TOOL.function] }),
      }),
      plainEvents,
    ],
  ];
  const plainReply = scenarioHeaderValue({ text: plainText, chunkSize: params.chunkSize });
  const replies = {
    [CALLING_PROVIDER]: scenarioHeaderValue({ text: toolCall.text, chunkSize: params.chunkSize }),
  };
  const job = (gateway: GatewayHandle, body: string, expect: LoadJob['expect']): LoadJob => ({
    connections: params.connections,
    duration: params.durationSeconds,
    warmupSeconds: params.warmupSeconds,
    amount: params.amount,
    headers: { 'content-type': 'application/json' },
    url: `${gateway.url}/v1/chat/completions`,
    body,
    expect,
    cpuPids: [gateway.pid, emulator.pid],
  });
  const best = new Map<string, ClientResult>();
  const rounds = mode === 'full' ? (serverToolsScenario.rounds ?? 1) : 1;
  for (let round = 0; round < rounds; round++) {
    const order = rows.map((_, index) => rows[(index + round) % rows.length]!);
    const results = await onGateway(emulator, plainReply, replies, 'plain', async (gateway) => {
      const measured: ClientResult[] = [];
      for (const [client, body, expect] of order) {
        measured.push(await measureLoad(client, job(gateway, body, expect)));
      }
      return measured;
    });
    for (const result of results) keepBetter(best, result);
  }
  const firstText = await onGateway(
    emulator,
    plainReply,
    {},
    'plain',
    async (gateway): Promise<ClientResult[]> => {
      const reply = await askChild<FirstTextReply>(
        'first-text-process.js',
        {
          url: `${gateway.url}/v1/chat/completions`,
          bodies: [
            { name: 'plain', body: withoutTools },
            { name: 'tools-no-call', body: withTools },
          ],
          warmup: params.firstTextWarmup,
          samples: params.firstTextSamples,
          text: plainText,
        } satisfies FirstTextJob,
        FIRST_TEXT_TIMEOUT_MS,
      );
      const [off, on] = reply.results;
      return [
        { client: 'plain', metrics: { firstTextMs: off!.p50Ms }, wrongAnswers: off!.failures },
        {
          client: 'tools-no-call',
          metrics: { firstTextMs: on!.p50Ms, firstTextDelayMs: on!.p50Ms - off!.p50Ms },
          wrongAnswers: on!.failures,
        },
      ];
    },
  );
  const clients = ['plain', 'tool-call', 'tools-no-call', 'plain-long'].map((name) => {
    const load = best.get(name) ?? { client: name, metrics: {}, wrongAnswers: 0 };
    const timed = firstText.find((result) => result.client === name);
    if (timed === undefined) return load;
    return {
      ...load,
      metrics: { ...load.metrics, ...timed.metrics },
      wrongAnswers: load.wrongAnswers + timed.wrongAnswers,
      ...(timed.error === undefined ? {} : { error: timed.error }),
    };
  });
  return scenarioResult({
    id: serverToolsScenario.id,
    title: serverToolsScenario.title,
    params,
    metrics: serverToolsScenario.metrics,
    baseline: serverToolsScenario.baseline,
    targets: serverToolsScenario.targets,
    clients,
  });
}

/** Keeps, for `result`'s client, the run of least CPU per request; wrong answers and crashes add up. */
function keepBetter(best: Map<string, ClientResult>, result: ClientResult): void {
  const kept = best.get(result.client);
  if (kept === undefined) {
    best.set(result.client, result);
    return;
  }
  const wrongAnswers = kept.wrongAnswers + result.wrongAnswers;
  const error = kept.error ?? result.error;
  const keptCpu = kept.metrics.cpuPerRequestUs ?? Number.POSITIVE_INFINITY;
  const better = (result.metrics.cpuPerRequestUs ?? Number.POSITIVE_INFINITY) < keptCpu;
  best.set(result.client, {
    ...(better ? result : kept),
    wrongAnswers,
    ...(error === undefined ? {} : { error }),
  });
}

/**
 * Runs `work` against a fresh server process whose `free2gpt` asks the emulator for `reply` (and each
 * provider of `replies` for its own), and stops it. A failure to start it or of `work` is `client`'s
 * crash.
 */
async function onGateway(
  emulator: EmulatorHandle,
  reply: string,
  replies: Record<string, string>,
  client: string,
  work: (gateway: GatewayHandle) => Promise<ClientResult[]>,
): Promise<ClientResult[]> {
  let gateway: GatewayHandle | undefined;
  try {
    const settings: ServerSettings = { replies };
    gateway = await startGateway('server', emulator.url, reply, [JSON.stringify(settings)]);
    return await work(gateway);
  } catch (error) {
    return [{ client, metrics: {}, wrongAnswers: 0, error: String(error) }];
  } finally {
    await gateway?.stop();
  }
}
