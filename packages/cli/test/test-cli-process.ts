import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/freechat.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/main.js', import.meta.url));
/**
 * When a subprocess still running is killed: only a guard against one outliving its test run, so longer
 * than any test may take (vitest.config.ts); a test that hangs fails on its own timeout first.
 */
const LIMIT_MS = 120_000;

const running = new Set<ChildProcessWithoutNullStreams>();

/** A `freechat` subprocess: its output so far, and its end. */
export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves once stdout contains `marker`; rejects if the process exits first. */
  waitForStdout(marker: string): Promise<string>;
  /** Resolves with the exit code (or the signal's name) and all output. */
  exit: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}

/** How to run a `freechat` subprocess. */
export interface CliProcessOptions {
  /** Variables added to the clean environment. */
  env?: Record<string, string>;
  /** Written to its stdin, which is then closed. */
  input?: string;
  /** Its virtual memory limit in KiB (`ulimit -v`): an allocation past it fails. */
  memoryLimitKiB?: number;
}

/**
 * Spawns `node bin/freechat.js ...args` (the built CLI) with a clean environment: no FREECHAT_*
 * variables, NO_COLOR set, plus `env`. It is killed by {@link killRunning}, or after two minutes.
 */
export function startCli(args: readonly string[], options: CliProcessOptions = {}): CliProcess {
  if (!existsSync(BUILT)) throw new Error('Build the CLI first: pnpm build');
  const env: Record<string, string> = { NO_COLOR: '1' };
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('FREECHAT_')) env[name] = value;
  }
  const command = [process.execPath, BIN, ...args];
  const limited =
    options.memoryLimitKiB === undefined
      ? command
      : ['bash', '-c', `ulimit -v ${options.memoryLimitKiB} && exec "$@"`, 'bash', ...command];
  const child = spawn(limited[0]!, limited.slice(1), {
    env: { ...env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const limit = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  if (options.input !== undefined) child.stdin.end(options.input);
  const exit = once(child, 'close').then(([code, signal]) => {
    clearTimeout(limit);
    running.delete(child);
    return { code: code as number | null, signal: signal as string | null, stdout, stderr };
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout: (marker) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!stdout.includes(marker)) return;
          child.stdout.off('data', check);
          resolve(stdout);
        };
        child.stdout.on('data', check);
        exit.then(() => reject(new Error(`exited before printing ${marker}: ${stderr}`)));
        check();
      }),
    exit,
  };
}

/** Runs `freechat ...args` to its end. */
export function runCli(
  args: readonly string[],
  options: CliProcessOptions = {},
): CliProcess['exit'] {
  return startCli(args, { input: '', ...options }).exit;
}

/** Kills every subprocess still running; for `afterEach`. */
export function killRunning(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Runs `freechat ...args` with its stdout written to the file `path` (`/dev/full`, say). */
export async function runCliWritingTo(
  path: string,
  args: readonly string[],
): Promise<{ code: number | null; stderr: string }> {
  const file = openSync(path, 'w');
  try {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', file, 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'close');
    return { code: code as number | null, stderr };
  } finally {
    closeSync(file);
  }
}
