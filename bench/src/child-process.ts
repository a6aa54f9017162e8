import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The path of a sibling module of the compiled bench, for `fork`. */
export function benchModulePath(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** Forks `node <module> ...args` with IPC and the given extra environment. */
export function forkBenchModule(
  name: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): ChildProcess {
  return fork(benchModulePath(name), args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/**
 * Sends `message` to a fresh process of `name` and resolves with its first answer. Rejects if the
 * process exits without answering or takes longer than `timeoutMs` (it is then killed).
 */
export async function askChild<ANSWER>(
  name: string,
  message: unknown,
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<ANSWER> {
  const child = forkBenchModule(name, [], env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const answer = new Promise<ANSWER>((resolve, reject) => {
      child.once('message', (reply) => resolve(reply as ANSWER));
      // 'close', not 'exit': a child that answers and exits at once can be seen to exit before its
      // answer is read from the IPC channel (seen under load in CI); 'close' waits for the channel.
      child.once('close', (code, signal) =>
        reject(new Error(`${name} exited (${signal ?? code}) without answering`)),
      );
    });
    child.send(message as object);
    return await answer;
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
}
