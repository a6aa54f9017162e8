/**
 * The sequential latency probe's own process: receives one SequentialJob over IPC, sends one request
 * at a time, to each target in turn, each target on one keep-alive connection (undici `Client`); times
 * each from sending to the end of its response with `performance.now()` (autocannon's latencies are
 * whole milliseconds), checks every response, answers a SequentialReply and exits.
 */
import { Client } from 'undici';
import { textOfEventStream } from './openai-events.js';
import { now, percentile } from './request-timing.js';
import type {
  SequentialJob,
  SequentialReply,
  SequentialTarget,
  SequentialTiming,
} from './sequential-job.js';

/** One target's connection, its timings so far and its failures. */
interface Probe {
  target: SequentialTarget;
  path: string;
  client: Client;
  timings: number[];
  failures: number;
  /** What the first failed request got, for the runner's log. */
  firstFailure: string | undefined;
}

async function runSequential(job: SequentialJob): Promise<SequentialReply> {
  const probes: Probe[] = job.targets.map((target) => {
    const url = new URL(target.url);
    return {
      target,
      path: url.pathname,
      client: new Client(url.origin),
      timings: [],
      failures: 0,
      firstFailure: undefined,
    };
  });
  try {
    for (let index = 0; index < job.warmup + job.count; index++) {
      for (const probe of probes) {
        const started = now();
        const answered = await ask(probe, job);
        const elapsed = now() - started;
        if (!answered) probe.failures++;
        else if (index >= job.warmup) probe.timings.push(elapsed);
      }
    }
  } finally {
    await Promise.all(probes.map((probe) => probe.client.close()));
  }
  return { timings: probes.map(timing) };
}

/** Sends one request; whether it was answered as expected (else notes the first failure). */
async function ask(probe: Probe, job: SequentialJob): Promise<boolean> {
  const failure = await askForFailure(probe, job);
  if (failure === undefined) return true;
  probe.firstFailure ??= failure;
  return false;
}

/** Sends one request; what was wrong with its answer, or undefined when it was the expected one. */
async function askForFailure(probe: Probe, job: SequentialJob): Promise<string | undefined> {
  try {
    const response = await probe.client.request({
      path: probe.path,
      method: 'POST',
      headers: probe.target.headers,
      body: job.body,
    });
    const body = await response.body.text();
    const header = probe.target.requiredHeader;
    if (
      response.statusCode === 200 &&
      textOfEventStream(body) === job.text &&
      (header === undefined || response.headers[header] !== undefined)
    ) {
      return undefined;
    }
    return `status ${response.statusCode}, ${header ?? 'no header'}: ${String(response.headers[header ?? ''])}, body ${JSON.stringify(body.slice(0, 300))}`;
  } catch (error) {
    return String(error);
  }
}

function timing(probe: Probe): SequentialTiming {
  if (probe.firstFailure !== undefined) {
    process.stderr.write(
      `sequential-process: ${probe.target.url}: ${probe.failures} failed, the first: ${probe.firstFailure}\n`,
    );
  }
  const sorted = probe.timings.sort((a, b) => a - b);
  return {
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    failures: probe.failures,
  };
}

process.once('message', (job: SequentialJob) => {
  runSequential(job).then(
    (reply) => process.send?.(reply, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
});
