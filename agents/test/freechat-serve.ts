import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const CLI_DIRECTORY = dirname(createRequire(import.meta.url).resolve('@freechat/cli/package.json'));
const BIN = join(CLI_DIRECTORY, 'bin', 'freechat.js');
const BUILT = join(CLI_DIRECTORY, 'dist', 'main.js');
/** How long a stopping server may take before it is killed. */
const STOP_BOUND_MS = 10_000;

/** A `freechat serve --emulator --port 0` process, listening. */
export interface FreechatServe {
  /** Its base URL, `http://127.0.0.1:PORT`, as its banner prints it. */
  url: string;
  /** Everything it wrote to stdout and stderr so far, for a failure's message. */
  output(): string;
  /** Stops it as Ctrl+C does (SIGINT), killed if it takes over 10 s, and resolves once it exited. */
  stop(): Promise<void>;
}

/**
 * Starts the built CLI, `node bin/freechat.js serve --emulator --port 0 ...args`, with no FREECHAT_*
 * variables and NO_COLOR, and resolves with its URL once the banner names it; rejects if it exits
 * first.
 */
export async function startFreechatServe(args: readonly string[] = []): Promise<FreechatServe> {
  if (!existsSync(BUILT)) throw new Error('Build the CLI first: pnpm build');
  const env: Record<string, string> = { NO_COLOR: '1' };
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('FREECHAT_')) env[name] = value;
  }
  const child = spawn(process.execPath, [BIN, 'serve', '--emulator', '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = once(child, 'close');
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found === null) return;
      child.stdout.off('data', check);
      resolve(found[1]!);
    };
    child.stdout.on('data', check);
    exited.then(() => reject(new Error(`freechat serve exited before listening:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      // A graceful stop lets open replies finish; one that outlasts the bound is cut.
      const bound = setTimeout(() => child.kill('SIGKILL'), STOP_BOUND_MS);
      await exited;
      clearTimeout(bound);
    },
  };
}
