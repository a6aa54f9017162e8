import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { it } from 'vitest';
import { startOutsideGuard } from './outside-guard.js';

/**
 * Where `scripts/install-agents.sh` installs the coding agents: `FREECHAT_AGENTS_DIR`, else
 * `~/.cache/freechat-agents`. They are not workspace dependencies: together they weigh ~1 GB.
 */
export const AGENTS_DIRECTORY =
  process.env.FREECHAT_AGENTS_DIR ?? join(homedir(), '.cache', 'freechat-agents');

/** How long one agent run may take before it is killed. */
const RUN_BOUND_MS = 150_000;

/** A coding agent from npm, as installed in AGENTS_DIRECTORY. */
export interface CodingAgent {
  /** Its name for people (`Claude Code`). */
  title: string;
  /** Its npm package (`@anthropic-ai/claude-code`). */
  packageName: string;
  /** Its command in `node_modules/.bin` (`claude`). */
  command: string;
}

/** An installed agent: the command's path and the package's version. */
export interface InstalledAgent {
  /** The command's path. */
  bin: string;
  /** The installed version. */
  version: string;
}

/** The installed agent, or `undefined` when its package or command is missing. */
export function findAgent(agent: CodingAgent): InstalledAgent | undefined {
  const modules = join(AGENTS_DIRECTORY, 'node_modules');
  const bin = join(modules, '.bin', agent.command);
  const manifest = join(modules, agent.packageName, 'package.json');
  if (!existsSync(bin) || !existsSync(manifest)) return undefined;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { bin, version };
}

/**
 * Registers the test `name` of `agent`: run with the installed agent; when it is missing, skipped
 * with a note saying how to install it, except in CI (`CI` set), where a missing agent fails.
 */
export function agentTest(
  agent: CodingAgent,
  name: string,
  body: (installed: InstalledAgent) => Promise<void>,
): void {
  const installed = findAgent(agent);
  if (installed !== undefined) {
    it(`${agent.title} ${installed.version} ${name}`, () => body(installed));
    return;
  }
  const missing = `${agent.packageName} is not installed in ${AGENTS_DIRECTORY} (bash scripts/install-agents.sh)`;
  if (process.env.CI !== undefined && process.env.CI !== '') {
    it(`${agent.title} ${name}`, () => {
      throw new Error(`${missing}: CI runs every agent`);
    });
  } else {
    const note = `${agent.title} ${name}: skipped, ${missing}`;
    // A skipped test's name is not printed by the default reporter; the note is.
    console.warn(note);
    it.skip(note, () => {});
  }
}

/** How to run an agent. */
export interface AgentRun {
  /** Its working directory. */
  cwd: string;
  /** Its home directory (`HOME`): fresh, so no settings or credentials of the machine's are read. */
  home: string;
  /** Variables besides `PATH`, `HOME`, the proxy and the npm registry. */
  env?: Record<string, string>;
}

/** What an agent run gave. */
export interface AgentOutcome {
  /** Its exit code, or `null` when a signal ended it. */
  code: number | null;
  /** Its standard output: the final answer. */
  stdout: string;
  /** Its standard error: progress and warnings. */
  stderr: string;
  /** Its attempts to reach beyond the machine, each refused: their request lines (`OutsideGuard`). */
  outsideAttempts: string[];
}

/**
 * Runs `bin ...args` with stdin closed and an environment of its own: `PATH` (this Node's folder
 * first), `HOME`, `run.env`, and an OutsideGuard as `HTTP_PROXY`/`HTTPS_PROXY` (with `NO_PROXY` for
 * loopback) and as `npm_config_registry`, so that any connection to anything but the local server is
 * refused and recorded instead of reaching out. Killed after 150 s.
 */
export async function runAgent(
  bin: string,
  args: readonly string[],
  run: AgentRun,
): Promise<AgentOutcome> {
  const guard = await startOutsideGuard();
  try {
    const child = spawn(bin, args, {
      cwd: run.cwd,
      env: {
        PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
        HOME: run.home,
        LANG: 'C.UTF-8',
        HTTP_PROXY: guard.url,
        HTTPS_PROXY: guard.url,
        http_proxy: guard.url,
        https_proxy: guard.url,
        NO_PROXY: '127.0.0.1,localhost',
        no_proxy: '127.0.0.1,localhost',
        npm_config_registry: guard.url,
        ...run.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const bound = setTimeout(() => child.kill('SIGKILL'), RUN_BOUND_MS);
    const [code] = (await once(child, 'close')) as [number | null];
    clearTimeout(bound);
    return { code, stdout, stderr, outsideAttempts: [...guard.attempts] };
  } finally {
    await guard.close();
  }
}
