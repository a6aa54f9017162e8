import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { forkBenchModule } from './child-process.js';

/**
 * The gateways S6 puts under the same load (`server-messages`: the server again, asked on Anthropic's
 * Messages route instead of chat completions).
 */
export type GatewayKind =
  | 'server'
  | 'server-messages'
  | 'floor'
  | 'floor-fastify'
  | 'floor-core'
  | 'g4f-python';

/** The bench module each Node gateway runs in. */
const GATEWAY_MODULES: Record<Exclude<GatewayKind, 'g4f-python'>, string> = {
  server: 'server-process.js',
  'server-messages': 'server-process.js',
  floor: 'floor-gateway-process.js',
  'floor-fastify': 'floor-fastify-gateway-process.js',
  'floor-core': 'floor-core-gateway-process.js',
};

/** A gateway running in its own process. */
export interface GatewayHandle {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Its process id, for its CPU time in `/proc`. */
  pid: number;
  /** Stops it and waits for it to exit. */
  stop(): Promise<void>;
}

/** The Debian interpreter, which has the apt packages (`python3-fastapi` …) a PATH shim may not. */
const PYTHON = '/usr/bin/python3';

/** Why the Python anchor cannot run here, or undefined when it can. */
export function pythonAnchorMissing(modules: readonly string[]): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${PYTHON} not found`;
  if (probe.status !== 0) {
    return `${PYTHON} lacks ${modules.join('/')} (apt-get install ${modules.map((name) => `python3-${name}`).join(' ')})`;
  }
  return undefined;
}

/** The path of a file of `bench/python/`. */
export function pythonScriptPath(name: string): string {
  return fileURLToPath(new URL(`../python/${name}`, import.meta.url));
}

/**
 * Starts one gateway in front of the emulator, every request asking for the given reply step; a Node
 * gateway gets `extraArguments` after those two (the server: its settings, as JSON).
 */
export async function startGateway(
  kind: GatewayKind,
  emulatorURL: string,
  scenarioHeader: string,
  extraArguments: readonly string[] = [],
): Promise<GatewayHandle> {
  if (kind === 'g4f-python') {
    const child = spawn(
      PYTHON,
      [pythonScriptPath('g4f_style_gateway.py'), emulatorURL, scenarioHeader],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const { url } = JSON.parse(await firstLine(child)) as { url: string };
    return {
      url,
      pid: child.pid!,
      async stop() {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      },
    };
  }
  const module = GATEWAY_MODULES[kind];
  const child = forkBenchModule(module, [emulatorURL, scenarioHeader, ...extraArguments]);
  const [{ url }] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error(`${module} exited before listening`);
    }),
  ])) as [{ url: string }];
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.send('close');
      await exited;
    },
  };
}

/** The first line a child writes on stdout; rejects if it exits first. */
export async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  try {
    const [line] = (await Promise.race([
      once(lines, 'line'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`${child.spawnfile} exited (${String(code)}) before it was ready`);
      }),
    ])) as [string];
    return line;
  } finally {
    lines.close();
  }
}
