/**
 * The load generator's own process: receives one LoadJob over IPC, runs autocannon (a warm-up, then the
 * measured run) checking every response body, answers a LoadReply and exits.
 */
import autocannon from 'autocannon';
import { textOfMessageStream } from './anthropic-events.js';
import type { LoadJob, LoadReply } from './load-job.js';
import { textOfEventStream, toolCallsOfEventStream } from './openai-events.js';
import { processCpuMilliseconds } from './process-cpu.js';

async function runLoad(job: LoadJob): Promise<LoadReply> {
  const matches = bodyCheck(job.expect);
  let firstMismatch: string | undefined;
  const verifyBody = (body: string) => {
    if (matches(body)) return true;
    firstMismatch ??= body.slice(0, 300);
    return false;
  };
  const options = {
    url: job.url,
    method: 'POST' as const,
    headers: job.headers,
    body: job.body,
    connections: job.connections,
    ...(job.overallRate === undefined ? {} : { overallRate: job.overallRate }),
    verifyBody,
  };
  if (job.warmupSeconds > 0) await autocannon({ ...options, duration: job.warmupSeconds });
  const cpuBefore = job.cpuPids.map(processCpuMilliseconds);
  const result = await autocannon(
    job.amount === undefined
      ? { ...options, duration: job.duration }
      : { ...options, amount: job.amount },
  );
  if (result.mismatches + result.non2xx + result.errors + result.timeouts > 0) {
    // The counts alone do not say what went wrong: the runner's log gets the details.
    process.stderr.write(
      `load-process: ${job.url}: ${result.mismatches} wrong bodies${firstMismatch === undefined ? '' : ` (the first: ${JSON.stringify(firstMismatch)})`}, ${result.non2xx} non-2xx (status codes: ${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors, ${result.timeouts} timeouts\n`,
    );
  }
  const cpuMs = job.cpuPids.map((pid, index) => {
    const after = processCpuMilliseconds(pid);
    const before = cpuBefore[index];
    return after === undefined || before === undefined ? undefined : after - before;
  });
  return {
    cpuMs,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    // No request at all is a failure too: nothing was checked.
    failures:
      result.mismatches +
      result.non2xx +
      result.errors +
      result.timeouts +
      (result.requests.total === 0 ? 1 : 0),
  };
}

function bodyCheck(expect: LoadJob['expect']): (body: string) => boolean {
  switch (expect.format) {
    case 'text':
      return (body) => body === expect.text;
    case 'openai-events':
      return (body) => textOfEventStream(body) === expect.text;
    case 'anthropic-events':
      return (body) => textOfMessageStream(body) === expect.text;
    case 'openai-tool-calls':
      return (body) => JSON.stringify(toolCallsOfEventStream(body)) === expect.calls;
  }
}

process.once('message', (job: LoadJob) => {
  runLoad(job).then(
    (reply) => process.send?.(reply, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
});
