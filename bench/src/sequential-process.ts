/**
 * The sequential latency probe's own process: receives one SequentialJob over IPC, sends its requests
 * one at a time on one keep-alive connection (undici `Client`), times each from sending to the end of
 * its response with `performance.now()` (autocannon's latencies are whole milliseconds), checks every
 * response, answers a SequentialReply and exits.
 */
import { Client } from 'undici';
import { textOfEventStream } from './openai-events.js';
import { now, percentile } from './request-timing.js';
import type { SequentialJob, SequentialReply } from './sequential-job.js';

async function runSequential(job: SequentialJob): Promise<SequentialReply> {
  const url = new URL(job.url);
  const client = new Client(url.origin);
  const timings: number[] = [];
  let failures = 0;
  try {
    for (let index = 0; index < job.warmup + job.count; index++) {
      const started = now();
      let answered = false;
      try {
        const response = await client.request({
          path: url.pathname,
          method: 'POST',
          headers: job.headers,
          body: job.body,
        });
        const body = await response.body.text();
        answered =
          response.statusCode === 200 &&
          textOfEventStream(body) === job.text &&
          (job.requiredHeader === undefined || response.headers[job.requiredHeader] !== undefined);
      } catch {
        answered = false;
      }
      const elapsed = now() - started;
      if (!answered) failures++;
      else if (index >= job.warmup) timings.push(elapsed);
    }
  } finally {
    await client.close();
  }
  timings.sort((a, b) => a - b);
  return { p50Ms: percentile(timings, 0.5), p99Ms: percentile(timings, 0.99), failures };
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
