/**
 * The first-text timer's own process: receives one FirstTextJob over IPC, sends the job's bodies in
 * turn (one request at a time, on one keep-alive connection), times each from the request to the
 * first event carrying reply text, checks each reply, and answers the medians.
 */
import { Agent, request } from 'undici';
import type { FirstTextJob, FirstTextReply } from './first-text-job.js';
import { textOfEventStream } from './openai-events.js';

/** What the first event carrying reply text starts with (the role event's empty content is not it). */
const FIRST_TEXT = '"delta":{"content":';

async function timeFirstText(
  dispatcher: Agent,
  job: FirstTextJob,
  body: string,
): Promise<number | undefined> {
  const started = performance.now();
  const response = await request(job.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    dispatcher,
  });
  let received = '';
  let firstText: number | undefined;
  for await (const chunk of response.body) {
    received += chunk.toString('utf8');
    if (firstText === undefined && received.includes(FIRST_TEXT)) {
      firstText = performance.now() - started;
    }
  }
  return response.statusCode === 200 && textOfEventStream(received) === job.text
    ? firstText
    : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function run(job: FirstTextJob): Promise<FirstTextReply> {
  const dispatcher = new Agent({ connections: 1 });
  const timings = job.bodies.map(() => [] as number[]);
  const failures = job.bodies.map(() => 0);
  try {
    // The bodies take turns, so a drift of the machine's load reaches them alike.
    for (let round = 0; round < job.warmup + job.samples; round++) {
      for (const [index, { body }] of job.bodies.entries()) {
        const time = await timeFirstText(dispatcher, job, body);
        if (time === undefined) failures[index]! += 1;
        else if (round >= job.warmup) timings[index]!.push(time);
      }
    }
  } finally {
    await dispatcher.close();
  }
  return {
    results: job.bodies.map(({ name }, index) => ({
      name,
      p50Ms: median(timings[index]!),
      failures: failures[index]!,
    })),
  };
}

process.once('message', (job: FirstTextJob) => {
  run(job).then(
    (reply) => process.send?.(reply, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
});
