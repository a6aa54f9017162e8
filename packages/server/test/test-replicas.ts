import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Emulator } from '@freechat/emulator';
import type { ServerOptions } from '../src/options.js';
import type { ReplicaConfig } from './replica.js';

const SCRIPT = fileURLToPath(new URL('./replica.ts', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** A server replica running in a process of its own. */
export interface Replica {
  /** Its base URL. */
  readonly url: string;
  /** Everything it wrote on stdout and stderr so far (its JSON log is on stderr). */
  output(): string;
  /** SIGTERM, then its exit. */
  stop(): Promise<void>;
}

/** Starts `test/replica.ts` in a new Node process in front of the emulator, and waits for its URL. */
export async function startReplica(emulator: Emulator, server: ServerOptions): Promise<Replica> {
  if (!existsSync(BUILT)) throw new Error('Build the server first: pnpm build');
  const config: ReplicaConfig = {
    sites: {
      free2gpt: emulator.sites.free2gpt,
      aichatfree: emulator.sites.aichatfree,
      gprochat: emulator.sites.gprochat,
      freegpt: emulator.sites.freegpt,
    },
    server,
  };
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', SCRIPT, JSON.stringify(config)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      stdout += chunk;
      const line = /^(http:\/\/\S+)\n/.exec(stdout);
      if (line !== null) resolve(line[1]!);
    });
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}:\n${output}`)));
  });
  const exited = once(child, 'exit');
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
