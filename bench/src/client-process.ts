/**
 * A client's own process: receives one ClientJob over IPC, runs that scenario's workload with that kind
 * of client, answers a ClientReply and exits.
 */
import { scenarioHeaderValue } from '@freechat/emulator';
import type { ClientJob, ClientReply } from './client-job.js';
import { CLIENT_SCENARIOS } from './client-scenarios.js';
import { createBenchClient } from './create-bench-client.js';
import { replyChecker } from './reply-check.js';

async function runJob(job: ClientJob): Promise<ClientReply> {
  const scenario = CLIENT_SCENARIOS[job.scenario];
  if (scenario === undefined) throw new Error(`unknown scenario ${job.scenario}`);
  const params = job.params ?? scenario.sizes[job.mode];
  const client = createBenchClient(job.client, {
    baseURL: `${job.origin}/free2gpt`,
    scenarioHeader: scenarioHeaderValue(scenario.step(params)),
  });
  try {
    return await scenario.workload(
      client,
      params,
      scenario.replyCheck?.(params) ?? replyChecker(scenario.replySize(params)),
    );
  } finally {
    await client.close();
  }
}

process.once('message', (job: ClientJob) => {
  runJob(job)
    .catch(
      (error: unknown): ClientReply => ({
        metrics: {},
        wrongAnswers: 0,
        error: describeError(error),
      }),
    )
    .then((reply) => process.send?.(reply, () => process.exit(0)));
});

/** `Name: message`, followed by its cause's (fetch hides what failed in `cause`). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? '' : ` (cause: ${describeError(error.cause)})`;
  return `${error.name}: ${error.message}${cause}`;
}
