import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Concurrent `stream()` calls on one provider. */
const STREAMS = 10_000;
/** The open-file limit of the child process: far below one socket per stream. */
const FILE_LIMIT = 1024;
/** How long the child may take (generous: a few seconds on an idle 2-core machine). */
const CHILD_BOUND = 120_000;

/**
 * The child: an emulator and one Free2GPT provider (default settings) in one process, 10 000
 * concurrent streams, then one JSON line of what happened. Both ends' sockets count against the limit.
 */
const CHILD = `
import { startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
const emulator = await startEmulator();
const provider = createFree2GPT({ baseURL: emulator.sites.free2gpt, maxRetries: 0 });
const outcomes = await Promise.allSettled(
  Array.from({ length: ${STREAMS} }, async (_, index) => {
    let text = '';
    for await (const piece of provider.stream({ messages: [{ role: 'user', content: 'q' + index }] })) {
      text += piece;
    }
    return text;
  }),
);
const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
const empty = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value === '');
await provider.close();
await emulator.close();
console.log(JSON.stringify({
  succeeded: outcomes.length - failures.length - empty.length,
  empty: empty.length,
  failures: failures.length,
  firstFailure: failures[0] ? String(failures[0].reason?.message ?? failures[0].reason) : undefined,
}));
`;

describe('the connection cap', () => {
  it(
    `lets ${STREAMS} concurrent streams on one provider succeed under ulimit -n ${FILE_LIMIT}`,
    async () => {
      const child = spawn(
        'bash',
        [
          '-c',
          `ulimit -n ${FILE_LIMIT} && exec "$0" --input-type=module -e "$1"`,
          process.execPath,
          CHILD,
        ],
        { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      const limit = setTimeout(() => child.kill('SIGKILL'), CHILD_BOUND);
      const [code] = await once(child, 'close');
      clearTimeout(limit);
      expect({ code, stderr: stderr.slice(0, 2000) }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(stdout)).toEqual({ succeeded: STREAMS, empty: 0, failures: 0 });
    },
    CHILD_BOUND + 10_000,
  );
});
